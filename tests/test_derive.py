"""The prospect-threat derivation on a small synthetic corpus, on both store backends."""

from __future__ import annotations

import pytest
from rdflib import Literal

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
