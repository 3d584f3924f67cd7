"""The prospect-threat derivation on a small synthetic corpus, on both store backends."""

from __future__ import annotations

from dataclasses import replace

import pytest
from rdflib import Literal

from foedus.corpus.catalogue import Catalogue, CatalogueEntry
from foedus.model import Annotation
from foedus.ontology import iris, read
from foedus.ontology.derive import derive
from foedus.ontology.parameters import ParameterError, load_parameters, with_overrides
from foedus.ontology.synthetic import synthetic_corpus
from foedus.ontology.to_rdf import corpus_graph, document_graph
from foedus.store import backend


def _load(store, corpus) -> None:
    store.replace_graph(iris.CORPUS_GRAPH, corpus_graph(corpus.catalogue, corpus.cases, corpus.gazetteer))
    for doc, anns in corpus.documents:
        store.replace_graph(iris.document_graph(doc.id), document_graph(doc, anns))


@pytest.fixture(params=["memory", "oxigraph"])
def store(request):
    st = backend(request.param)(None)
    _load(st, synthetic_corpus(1))
    yield st
    st.close()


def _case(store, case_id: str) -> dict:
    return next(c for c in read.list_cases(store) if c["id"] == case_id)


def test_high_threat_gives_losses_and_low_threat_gives_gains(store):
    report = derive(store)
    assert report.levels == {"syn-high-0": "high", "syn-low-0": "low", "syn-empty-0": "unknown"}
    high, low = _case(store, "syn-high-0"), _case(store, "syn-low-0")
    assert (high["domain"], high["prediction"]) == ("losses", "multilateral-strong")
    assert (low["domain"], low["prediction"]) == ("gains", "bilateral-weak")
    assert high["threat"]["score"] == pytest.approx(1.0)
    assert low["threat"]["score"] == pytest.approx(-1.0)
    assert len(high["evidence"]) == 2 and all(
        e["quote"].startswith(("In 1950", "By 1950")) for e in high["evidence"]
    )


def test_case_without_dated_evidence_is_unknown_with_no_domain(store):
    derive(store)
    empty = _case(store, "syn-empty-0")
    assert empty["threat"] == {"score": None, "level": "unknown", "evidence_count": 0}
    assert empty["domain"] is None and empty["prediction"] is None
    assert empty["consistent"] == {"proposed": None, "formed": None}


def test_threshold_change_flips_a_verdict(store):
    # add a mildly falling high threat in 1960: score = (-1·0.9·2 + 0.5·1.0) / (0.9·2 + 1.0)
    doc = next(d for d, _ in synthetic_corpus(1).documents if d.id == "syn-book-0")
    extra = Annotation(
        doc.id,
        0,
        7,
        doc.text[0:7],
        "THREAT",
        attributes={
            "source": "Q15180",
            "target": "Q30",
            "region": "east-asia",
            "direction": "falling",
            "intensity": "high",
            "date": "1960-05",
        },
        rule="extra",
        annotator="test",
        confidence=1.0,
    )
    anns = [a for d, a in synthetic_corpus(1).documents if d.id == doc.id][0]
    store.replace_graph(iris.document_graph(doc.id), document_graph(doc, anns + [extra]))
    derive(store)
    low = _case(store, "syn-low-0")
    assert low["threat"]["evidence_count"] == 3
    assert low["threat"]["score"] == pytest.approx((-1.8 + 0.5) / 2.8, abs=1e-4)
    assert low["threat"]["level"] == "low"
    report = derive(store, {"threat_low": -0.5, "threat_high": 0.5})
    assert report.levels["syn-low-0"] == "ambiguous"
    assert _case(store, "syn-low-0")["domain"] is None
    report = derive(store, {"threat_high": -0.9})
    assert report.levels["syn-low-0"] == "high"
    assert _case(store, "syn-low-0")["domain"] == "losses"


def test_curated_annotations_outweigh_automatic_ones(store):
    corpus = synthetic_corpus(1)
    doc, anns = corpus.documents[0]
    # one curated low threat in 1950 against two automatic high ones (confidence 0.9)
    curated = Annotation(
        doc.id,
        0,
        2,
        doc.text[0:2],
        "THREAT",
        attributes={"region": "asia", "intensity": "low", "direction": "stable", "date": "1950"},
        rule="curated",
        annotator="curated",
        confidence=1.0,
    )
    store.replace_graph(iris.document_graph(doc.id), document_graph(doc, anns + [curated]))
    derive(store, {"weight_curated": 10})
    assert _case(store, "syn-high-0")["threat"]["level"] == "low"
    derive(store, {"weight_curated": 1})
    assert _case(store, "syn-high-0")["threat"]["level"] == "high"


def test_consistency_and_author_claims(store):
    derive(store)
    high, low = _case(store, "syn-high-0"), _case(store, "syn-low-0")
    assert high["proposed"][0]["form"] == "multilateral" and high["proposed"][0]["consistent"] is True
    assert high["formed"][0]["strength"] == "strong" and high["formed"][0]["strength_consistent"] is True
    assert high["consistent"] == {"proposed": True, "formed": True}
    assert low["formed"][0]["form"] == "bilateral" and low["formed"][0]["strength"] == "weak"
    assert low["consistent"]["formed"] is True
    assert [(c["about"], c["value"], c["agrees"]) for c in high["author_claims"]] == [
        ("domain", "losses", True)
    ]
    # with the thresholds moved, the low year becomes high: the formed bilateral and the claim disagree
    derive(store, {"threat_high": -1.0, "threat_low": -1.5})
    low = _case(store, "syn-low-0")
    assert low["consistent"]["formed"] is False
    assert low["author_claims"][0]["agrees"] is False


def test_explain_case_gives_the_chain(store):
    derive(store)
    chain = read.explain_case(store, "syn-high-0")
    assert chain["chain"]["verdict"] == "multilateral-strong"
    assert chain["chain"]["domain"] == "losses"
    ev = chain["evidence"][0]
    assert {"quote", "document", "section", "page", "weight", "direction", "intensity", "date"} <= set(ev)
    assert ev["page"] == 1 and ev["section"] == "ch1" and ev["weight"] == pytest.approx(0.9)
    assert chain["formed"][0]["obligations"][0]["quote"].startswith("The Parties shall")
    assert read.explain_case(store, "no-such-case") is None


def test_derivation_is_repeatable(store):
    derive(store)
    first = store.count()
    derive(store)
    assert store.count() == first


def test_unknown_parameter_is_refused():
    with pytest.raises(ParameterError, match="threat_hgh"):
        with_overrides(load_parameters(), ["threat_hgh=0.3"])
    with pytest.raises(ParameterError, match="not a number"):
        with_overrides(load_parameters(), {"threat_high": "high"})


def test_parameters_are_in_the_graph(store):
    derive(store, {"threat_high": 0.3})
    q = (
        "PREFIX fo: <https://w3id.org/foedus/ontology#> "
        "SELECT ?name ?v WHERE { ?p fo:parameterName ?name ; fo:parameterValue ?v }"
    )
    rows = store.query(q, bindings={"name": Literal("threat_high")}).python()
    assert [float(r["v"]) for r in rows] == [0.3]


# ------------------------------------------------------------------ overlap weighting
def _threat(doc, start: int, end: int, date: str, intensity: str = "high") -> Annotation:
    return Annotation(
        doc.id,
        start,
        end,
        doc.text[start:end],
        "THREAT",
        attributes={"region": "asia", "intensity": intensity, "direction": "stable", "date": date},
        rule="overlap-test",
        annotator="test",
        confidence=1.0,
    )


def _split_year_corpus():
    """The synthetic corpus with the high-threat year 1950 cut into two adjacent cases:
    1950-01-01..1950-03-31 (90 days) and 1950-04-01..1950-12-31 (275 days)."""
    corpus = synthetic_corpus(1)
    high = next(c for c in corpus.cases if c.id == "syn-high-0")
    spring = replace(high, id="syn-spring-0", end="1950-03-31", proposals=[], formed=[])
    rest = replace(high, id="syn-rest-0", start="1950-04-01", proposals=[], formed=[])
    corpus.cases = [c for c in corpus.cases if c.id != high.id] + [spring, rest]
    return corpus


def _evidence_of(store, case_id: str) -> dict[str, dict]:
    case = read.explain_case(store, case_id)
    return {e["quote"]: e for e in case["evidence"]}


def test_a_year_dated_threat_splits_its_weight_between_adjacent_cases(store):
    corpus = _split_year_corpus()
    _load(store, corpus)
    doc, anns = corpus.documents[0]
    # the book's two 1950 threats are year-dated (confidence 0.9); a day-dated low threat in May
    day = _threat(doc, 0, 3, "1950-05-10", intensity="low")
    store.replace_graph(iris.document_graph(doc.id), document_graph(doc, anns + [day]))
    derive(store, {"min_overlap": 0.01})
    spring, rest = _evidence_of(store, "syn-spring-0"), _evidence_of(store, "syn-rest-0")
    year_quote = next(q for q in rest if q.startswith("In 1950"))
    assert spring[year_quote]["overlap"] == pytest.approx(90 / 365, abs=1e-4)
    assert rest[year_quote]["overlap"] == pytest.approx(275 / 365, abs=1e-4)
    assert spring[year_quote]["weight"] == pytest.approx(0.9 * 90 / 365, abs=1e-4)
    assert rest[year_quote]["weight"] == pytest.approx(0.9 * 275 / 365, abs=1e-4)
    assert spring[year_quote]["weight"] + rest[year_quote]["weight"] == pytest.approx(0.9, abs=1e-4)
    # the day-dated threat counts only in its case, with its full weight
    assert day.text not in spring
    assert rest[day.text]["overlap"] == 1.0 and rest[day.text]["weight"] == 1.0
    # the score stays a weighted mean: two highs at 0.9·275/365 each against one low at weight 1
    w = 0.9 * 275 / 365
    case = _case(store, "syn-rest-0")
    assert case["threat"]["score"] == pytest.approx((2 * w - 1.0) / (2 * w + 1.0), abs=1e-4)
    assert case["threat"]["evidence_count"] == 3
    assert _case(store, "syn-spring-0")["threat"]["score"] == pytest.approx(1.0)


def test_min_overlap_drops_threats_mostly_outside_the_period(store):
    corpus = _split_year_corpus()
    _load(store, corpus)
    derive(store, {"min_overlap": 0.3})  # the spring quarter holds 90/365 ≈ 0.25 of 1950
    spring = _case(store, "syn-spring-0")
    assert spring["threat"] == {"score": None, "level": "unknown", "evidence_count": 0}
    assert _case(store, "syn-rest-0")["threat"]["evidence_count"] == 2
    derive(store, {"min_overlap": 0.2})
    assert _case(store, "syn-spring-0")["threat"]["evidence_count"] == 2


# ------------------------------------------------------------------ strength from a draft
def _corpus_with_draft(signed_has_obligation: bool):
    """The synthetic multilateral treaty with a draft of it (draft_of), whose Article 1 is a
    weak defense obligation; the signed text keeps its own strong obligation or loses it."""
    corpus = synthetic_corpus(1)
    signed_doc, signed_anns = next((d, a) for d, a in corpus.documents if d.id == "syn-multi-0.en")
    draft_doc = replace(
        signed_doc, id="syn-multi-0-draft.en", kind="draft", metadata={"work": "syn-multi-0-draft"}
    )
    draft_anns = [
        replace(
            a,
            document=draft_doc.id,
            attributes=a.attributes | {"treaty": "syn-multi-0-draft", "strength": "weak"},
        )
        for a in signed_anns
    ]
    corpus.documents.append((draft_doc, draft_anns))
    entry = CatalogueEntry(
        id=draft_doc.id,
        kind="draft",
        format="text",
        path=f"synthetic/{draft_doc.id}.txt",
        languages=["en"],
        title={"en": "Synthetic draft"},
        date="1950-07-01",
        work="syn-multi-0-draft",
        draft_of="syn-multi-0",
        parties=["Q30", "Q408", "Q664"],
    )
    corpus.catalogue = Catalogue([*corpus.catalogue.entries, entry], corpus.catalogue.source)
    if not signed_has_obligation:
        corpus.documents = [(d, [] if d.id == "syn-multi-0.en" else a) for d, a in corpus.documents]
    return corpus


def test_a_treaty_without_defense_obligations_takes_its_strength_from_a_draft_flagged(store):
    _load(store, _corpus_with_draft(signed_has_obligation=False))
    derive(store)
    formed = _case(store, "syn-high-0")["formed"][0]
    assert formed["id"] == "syn-multi-0"
    assert formed["strength"] == "weak" and formed["strength_consistent"] is False
    assert formed["strength_source"] == "draft"
    assert formed["strength_draft"] == "syn-multi-0-draft"
    assert formed["strength_documents"] == ["syn-multi-0-draft.en"]
    explained = read.explain_case(store, "syn-high-0")["formed"][0]
    assert [o["document"] for o in explained["obligations"]] == ["syn-multi-0-draft.en"]


def test_a_treaty_with_its_own_defense_obligations_ignores_its_draft(store):
    _load(store, _corpus_with_draft(signed_has_obligation=True))
    derive(store)
    formed = _case(store, "syn-high-0")["formed"][0]
    assert formed["strength"] == "strong"
    assert formed["strength_source"] == "text" and formed["strength_draft"] is None
    assert formed["strength_documents"] == ["syn-multi-0.en"]


def test_alliances_carry_bilingual_labels(store):
    derive(store)
    for case in read.list_cases(store):
        for item in case["proposed"] + case["formed"] + case["ended"]:
            assert set(item["label"]) == {"en", "zh"}, item


# ------------------------------------------------------------------ kind of source and modality
def test_threats_weigh_by_the_kind_of_their_source_and_their_modality(store):
    corpus = synthetic_corpus(1)
    book, anns = next((d, a) for d, a in corpus.documents if d.id == "syn-book-0")
    # a retrospective narrative (kind secondary) says the 1950 threat was low
    narrative = replace(book, id="syn-narrative-0", kind="secondary")
    low = _threat(narrative, 0, 7, "1950-05-01", intensity="low")
    low.attributes["modality"] = "asserted"
    store.replace_graph(iris.document_graph(narrative.id), document_graph(narrative, [low]))
    # the book adds a hypothetical and a negated low threat in 1950 ("if …", "non-…")
    unasserted = [
        replace(
            low,
            document=book.id,
            start=i,
            end=i + 7,
            text=book.text[i : i + 7],
            attributes=low.attributes | {"modality": m},
        )
        for i, m in ((0, "hypothetical"), (8, "negated"))
    ]
    store.replace_graph(iris.document_graph(book.id), document_graph(book, anns + unasserted))

    derive(store)  # the book's two highs (0.9 each) against the narrative's low at half weight
    high = _case(store, "syn-high-0")
    assert high["threat"]["score"] == pytest.approx((1.8 - 0.5) / 2.3, abs=1e-4)
    assert high["threat"]["evidence_count"] == 3
    assert _evidence_of(store, "syn-high-0")[low.text]["weight"] == pytest.approx(0.5)
    unused = read.explain_case(store, "syn-high-0")["unused_threats"]
    assert sorted(u["reasons"][0] for u in unused) == [
        "weight 0 (modality hypothetical, source kind book)",
        "weight 0 (modality negated, source kind book)",
    ]

    derive(store, {"source_secondary": 1.0})
    assert _case(store, "syn-high-0")["threat"]["score"] == pytest.approx((1.8 - 1.0) / 2.8, abs=1e-4)

    derive(store, {"source_secondary": 0.0})  # weight 0 is no evidence, not evidence of weight 0
    assert _case(store, "syn-high-0")["threat"] == {"score": 1.0, "level": "high", "evidence_count": 2}

    derive(store, {"source_secondary": 0.0, "modality_hypothetical": 1.0, "modality_negated": 1.0})
    high = _case(store, "syn-high-0")
    assert high["threat"]["evidence_count"] == 4
    assert high["threat"]["score"] == pytest.approx((1.8 - 2.0) / 3.8, abs=1e-4)


def test_hypothetical_claims_are_compared_with_no_case(store):
    corpus = synthetic_corpus(1)
    book, anns = next((d, a) for d, a in corpus.documents if d.id == "syn-book-0")
    general = [
        replace(a, attributes=a.attributes | {"modality": "hypothetical"}) if a.label == "CLAIM" else a
        for a in anns
    ]
    store.replace_graph(iris.document_graph(book.id), document_graph(book, general))
    derive(store)
    assert _case(store, "syn-high-0")["author_claims"] == []
    derive(store, {"modality_hypothetical": 1.0})
    assert [c["value"] for c in _case(store, "syn-high-0")["author_claims"]] == ["losses"]


def test_a_claim_of_what_was_formed_is_compared_with_the_formed_alliances(store):
    corpus = synthetic_corpus(1)
    book, anns = next((d, a) for d, a in corpus.documents if d.id == "syn-book-0")
    # "the United States built bilateral alliances" in the high-threat year: multilateral is predicted,
    # and the case formed the multilateral treaty only
    built = replace(
        next(a for a in anns if a.label == "CLAIM" and a.attributes["value"] == "losses"),
        start=0,
        end=4,
        text=book.text[0:4],
        attributes={
            "about": "alliance-form",
            "value": "bilateral",
            "subject": "Q30",
            "date": "1950",
            "region": "asia",
            "stance": "formed",
        },
    )
    store.replace_graph(iris.document_graph(book.id), document_graph(book, anns + [built]))
    derive(store)
    claims = {c["value"]: c for c in _case(store, "syn-high-0")["author_claims"]}
    assert claims["bilateral"]["compared_with"] == "formed" and claims["bilateral"]["agrees"] is False
    assert claims["losses"]["compared_with"] == "prediction" and claims["losses"]["agrees"] is True
    low = {c["value"]: c for c in _case(store, "syn-low-0")["author_claims"]}
    assert "bilateral" not in low  # dated 1950: not a claim about the low-threat year
