"""The ontology layer on the real corpus: ingest → annotate → RDF → derive → validate."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from foedus.ontology import read
from foedus.ontology.derive import LEVELS_QUERY
from foedus.ontology.validate import validate

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(built_store):
    """The session's real-corpus build (tests/support.py), its documents and derivation levels."""
    from foedus.store import current_build, open_store
    from foedus.store.snapshot import read_snapshot

    docs = {doc.id: doc for doc, _ in read_snapshot(current_build(built_store))}
    store = open_store(built_store, read_only=True)
    levels = {
        str(r["id"]): str(r["level"]) for r in store.query(LEVELS_QUERY.read_text(encoding="utf-8")).python()
    }
    yield store, docs, SimpleNamespace(levels=levels)
    store.close()


def test_nato_has_twelve_signatories_and_article_5_is_a_defense_obligation(built):
    store, _docs, _ = built
    nato = read.get_treaty(store, "nato-1949")
    assert len(nato["parties"]) == 12 and "Q30" in nato["parties"] and nato["multilateral"]
    assert set(nato["documents"]) == {"nato-1949.en", "nato-1949.zh"}
    article5 = next(a for a in nato["articles"] if a["number"] == "5")
    assert {"en", "zh"} <= set(article5)
    defense = [o for o in article5["obligations"] if o["type"] == "defense"]
    assert {o["document"] for o in defense} >= {"nato-1949.en"}
    assert all(o["strength"] in ("strong", "weak") for o in defense)


def test_every_case_has_a_period_and_every_verdict_cites_text_spans(built):
    store, docs, report = built
    cases = read.list_cases(store)
    assert {c["id"] for c in cases} == set(report.levels)
    for case in cases:
        assert case["start"] <= case["end"], case["id"]
        if case["domain"] is None:
            assert case["threat"]["level"] in ("unknown", "ambiguous"), case["id"]
            continue
        assert case["evidence"], f"{case['id']}: a verdict without evidence"
        for span in case["evidence"]:
            assert docs[span["document"]].text[span["start"] : span["end"]] == span["quote"]
    assert sum(1 for c in cases if c["evidence"]) >= len(cases) // 2


def test_proposals_are_judged_apart_from_formed_alliances(built):
    store, _docs, _ = built
    case = read.explain_case(store, "us-asia-1950-1951")
    assert [p["id"] for p in case["proposed"]] == ["pacific-pact-1950"]
    assert case["proposed"][0]["form"] == "multilateral"
    assert {f["id"] for f in case["formed"]} == {"us-philippines-1951", "anzus-1951", "us-japan-1951"}
    forms = {f["id"]: f["form"] for f in case["formed"]}
    assert forms["anzus-1951"] == "multilateral" and forms["us-japan-1951"] == "bilateral"
    ended = read.explain_case(store, "us-asia-1969-1977")["ended"]
    assert [e["id"] for e in ended] == ["seato-1954"]


def test_the_real_graph_conforms_to_the_shapes(built):
    store, _docs, _ = built
    result = validate(store)
    assert result.conforms, str(result)
