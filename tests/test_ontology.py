"""Ontology, RDF mapping, IRIs, SHACL validation and cases as data."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import OWL

from foedus.corpus.cases import PACKAGED_CASES, cases_for, load_cases
from foedus.errors import CorpusError
from foedus.model import Footnote
from foedus.ontology import iris, read
from foedus.ontology.derive import derive, ontology_graph
from foedus.ontology.iris import FO, OA, PROV
from foedus.ontology.synthetic import synthetic_corpus
from foedus.ontology.to_rdf import corpus_graph, document_graph
from foedus.ontology.validate import validate
from foedus.store import backend

QUERIES = Path(__file__).resolve().parent.parent / "ontology" / "queries"


def _graphs(corpus) -> list[tuple[URIRef, Graph]]:
    out = [(iris.CORPUS_GRAPH, corpus_graph(corpus.catalogue, corpus.cases, corpus.gazetteer))]
    out += [(iris.document_graph(d.id), document_graph(d, a)) for d, a in corpus.documents]
    return out


def _store(name: str, corpus):
    st = backend(name)(None)
    for g_iri, g in _graphs(corpus):
        st.replace_graph(g_iri, g)
    return st


# ------------------------------------------------------------------ ontology
def _langs(g: Graph, s, p) -> set[str]:
    return {o.language.lower() for o in g.objects(s, p) if isinstance(o, Literal) and o.language}


def test_every_ontology_term_has_labels_and_comments_in_both_languages():
    onto = ontology_graph()
    terms = set(onto.subjects(RDF.type, OWL.Class)) | set(onto.subjects(RDF.type, OWL.ObjectProperty))
    terms |= set(onto.subjects(RDF.type, OWL.DatatypeProperty))
    assert len(terms) > 100
    for t in terms:
        assert {"en", "zh-hans"} <= _langs(onto, t, RDFS.label), t
        assert {"en", "zh-hans"} <= _langs(onto, t, RDFS.comment), t


def test_every_fo_term_the_mapping_and_derivation_use_is_declared():
    corpus = synthetic_corpus(1)
    st = _store("oxigraph", corpus)
    derive(st)
    declared = {s for s in ontology_graph().subjects() if str(s).startswith(str(FO))}
    used = set()
    for _s, p, o, _g in st.dataset().quads((None, None, None, None)):
        if str(p).startswith(str(FO)):
            used.add(p)
        if p == RDF.type and str(o).startswith(str(FO)):
            used.add(o)
    assert used - declared == set()


# ------------------------------------------------------------------ mapping and IRIs
def test_document_graph_has_text_structure_and_both_selectors():
    doc, anns = synthetic_corpus(1).documents[0]
    g = document_graph(doc, anns)
    d = iris.document(doc.id)
    assert str(g.value(d, iris.NIF.isString)) == doc.text
    for ann in anns:
        a = iris.annotation(ann.id)
        target = g.value(a, OA.hasTarget)
        assert g.value(target, OA.hasSource) == d
        selectors = set(g.objects(target, OA.hasSelector))
        kinds = {g.value(s, RDF.type) for s in selectors}
        assert kinds == {OA.TextQuoteSelector, OA.TextPositionSelector}
        pos = next(s for s in selectors if g.value(s, RDF.type) == OA.TextPositionSelector)
        quote = next(s for s in selectors if g.value(s, RDF.type) == OA.TextQuoteSelector)
        start, end = int(g.value(pos, OA.start)), int(g.value(pos, OA.end))
        assert doc.text[start:end] == str(g.value(quote, OA.exact))
        assert doc.text[:start].endswith(str(g.value(quote, OA.prefix)))
    threats = list(g.subjects(RDF.type, FO.Threat))
    assert len(threats) == 4 and all(g.value(t, PROV.wasDerivedFrom) is not None for t in threats)
    assert g.value(threats[0], FO.dateStart) is not None


def test_footnote_citations_become_cited_source_nodes():
    doc, anns = synthetic_corpus(1).documents[0]
    cite = {
        "type": "book",
        "title": "A History",
        "authors": ["A. Author"],
        "year": "1964",
        "pages": "807",
        "source_id": "author-1964-a-history",
    }
    doc.footnotes = [
        Footnote("①", 3, 10, 20, "x", id="fn1", page=1, citation=cite),
        Footnote("②", 60, 21, 30, "y", id="fn2", page=1, citation=dict(cite, pages="9")),
    ]
    st = backend("oxigraph")(None)
    st.replace_graph(iris.document_graph(doc.id), document_graph(doc, anns))
    rows = st.query((QUERIES / "chapter_citations.rq").read_text()).python()
    assert [(r["chapterNumber"], r["source"].rsplit("/", 1)[-1], r["footnotes"]) for r in rows] == [
        ("1", "author-1964-a-history", 2)
    ]


def test_building_twice_gives_the_same_triples_without_duplicates():
    first = [(g_iri, set(g)) for g_iri, g in _graphs(synthetic_corpus(1))]
    second = [(g_iri, set(g)) for g_iri, g in _graphs(synthetic_corpus(1))]
    assert first == second
    st = _store("oxigraph", synthetic_corpus(1))
    derive(st)
    n = st.count()
    for g_iri, g in _graphs(synthetic_corpus(1)):
        st.replace_graph(g_iri, g)
    derive(st)
    assert st.count() == n


def test_treaty_records_from_the_real_catalogue(catalogue):
    g = corpus_graph(catalogue, load_cases())
    nato = iris.treaty("nato-1949")
    assert len(set(g.objects(nato, FO.party))) == 12
    assert (nato, RDF.type, FO.MultilateralAlliance) in g
    assert (nato, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q167218")) in g
    assert (iris.treaty("us-roc-1954"), RDF.type, FO.BilateralAlliance) in g
    assert (iris.treaty("anzus-1951-draft-1951-07-12"), RDF.type, FO.DraftTreaty) in g
    assert (iris.actor("Q30"), OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q30")) in g


# ------------------------------------------------------------------ validation
@pytest.fixture(params=["memory", "oxigraph"])
def derived_store(request):
    st = _store(request.param, synthetic_corpus(1))
    derive(st)
    yield st
    st.close()


def test_validation_passes_on_a_correct_graph(derived_store):
    report = validate(derived_store)
    assert report.conforms, str(report)
    assert report.triples > 1000


def _broken(store, graph: Graph):
    store.add_quads((s, p, o, iris.GRAPH["broken"]) for s, p, o in graph)
    return validate(store)


def test_validation_fails_on_a_treaty_with_one_party(derived_store):
    t = iris.treaty("lonely-1950")
    g = Graph()
    g.add((t, RDF.type, FO.Treaty))
    g.add((t, FO.workId, Literal("lonely-1950")))
    g.add((t, FO.signedDate, Literal("1950-01-01", datatype=XSD.date)))
    g.add((t, FO.party, iris.actor("Q30")))
    report = _broken(derived_store, g)
    assert not report.conforms
    assert any(v.focus == str(t) and v.path == "fo:party" for v in report.violations), str(report)


def test_validation_fails_on_an_obligation_without_a_selector(derived_store):
    ob, ann = iris.obligation("bare"), iris.annotation("bare")
    g = Graph()
    g.add((ob, RDF.type, FO.Obligation))
    g.add((ob, PROV.wasDerivedFrom, ann))
    g.add((ann, RDF.type, OA.Annotation))
    g.add((ann, OA.hasTarget, URIRef(f"{ann}/target")))
    g.add((URIRef(f"{ann}/target"), OA.hasSource, iris.document("syn-book-0")))
    report = _broken(derived_store, g)
    assert not report.conforms
    assert any(v.focus == str(ob) for v in report.violations), str(report)


def test_validation_fails_on_a_verdict_without_evidence(derived_store):
    v = iris.case_part("ghost", "verdict")
    g = Graph()
    g.add((v, RDF.type, FO.Verdict))
    g.add((v, FO.domain, iris.concept("domain", "losses")))
    report = _broken(derived_store, g)
    assert not report.conforms
    assert [x.focus for x in report.violations] == [str(v)]
    assert "evidence" in report.violations[0].message


# ------------------------------------------------------------------ cases as data
def test_packaged_cases_are_data_without_verdicts():
    cases = {c.id: c for c in load_cases()}
    assert {
        "us-asia-1945-1950",
        "us-asia-1950-1951",
        "us-asia-1954-spring",
        "us-asia-1954-1969",
        "us-asia-1969-1977",
        "us-europe-1947-1949",
    } <= set(cases)
    assert cases["us-asia-1969-1977"].ended == ["seato-1954"]
    assert cases["us-asia-1950-1951"].proposals[0].form == "multilateral"
    assert cases["us-asia-1950-1951"].proposals[0].outcome == "rejected"
    text = PACKAGED_CASES.read_text(encoding="utf-8")
    assert "\ndomain" not in text and "\nprediction" not in text


def test_a_case_with_a_verdict_is_refused(tmp_path):
    path = tmp_path / "cases.toml"
    path.write_text(
        '[[case]]\nid = "x"\nactor = "Q30"\nregion = "asia"\nstart = "1950-01-01"\n'
        'end = "1950-12-31"\nlabel = { en = "x" }\ndomain = "losses"\n',
        encoding="utf-8",
    )
    with pytest.raises(CorpusError, match="derived from the texts"):
        load_cases(path)
    path.write_text(
        '[[case]]\nid = "x"\nactor = "USA"\nregion = "asia"\nstart = "1950-01-01"\n'
        'end = "1950-12-31"\nlabel = { en = "x" }\n',
        encoding="utf-8",
    )
    with pytest.raises(CorpusError, match="Wikidata id"):
        load_cases(path)


WARSAW = """
[[case]]
id = "ussr-europe-1955"
actor = "Q15180"
region = "europe"
start = "1955-01-01"
end = "1955-12-31"
label = { en = "The Soviet Union and the Warsaw Pact", zh = "苏联与华沙条约" }
source = { document = "warsaw-1955.en", section = "preamble" }
formed = ["warsaw-1955"]
"""


def test_a_user_adds_a_case_by_adding_data_only(tmp_path, catalogue, corpus_root):
    (tmp_path / "foedus-cases.toml").write_text(WARSAW, encoding="utf-8")
    cases = cases_for(tmp_path)
    assert {c.id for c in load_cases()} | {"ussr-europe-1955"} == {c.id for c in cases}
    st = backend("oxigraph")(None)
    st.replace_graph(iris.CORPUS_GRAPH, corpus_graph(catalogue, cases))
    derive(st)
    case = next(c for c in read.list_cases(st) if c["id"] == "ussr-europe-1955")
    assert case["actor"] == "Q15180" and case["region"] == "europe"
    assert case["label"]["zh"] == "苏联与华沙条约"
    assert case["formed"][0]["id"] == "warsaw-1955" and case["formed"][0]["form"] == "multilateral"
    assert case["threat"]["level"] == "unknown" and case["domain"] is None  # no annotated texts here
    assert not (corpus_root / "foedus-cases.toml").exists()


def test_every_top_level_query_runs(derived_store):
    names = sorted(p.stem for p in QUERIES.glob("*.rq"))
    assert {"cases", "treaty_obligations", "chapter_citations", "actors"} <= set(names)
    for name in names:
        result = derived_store.query((QUERIES / f"{name}.rq").read_text())
        assert result.kind == "SELECT"
    rows = derived_store.query((QUERIES / "cases.rq").read_text()).python()
    assert {r["case"]: r["level"] for r in rows}["syn-high-0"] == "high"


def test_named_queries_are_listed_and_unknown_names_refused(derived_store):
    from foedus.errors import QueryError
    from foedus.ontology.named_queries import list_queries, run_query

    listed = list_queries()
    assert "chapter_citations" in listed and "chapter" in listed["chapter_citations"]
    rows = run_query(derived_store, "case_evidence", {"case": Literal("syn-low-0")}).python()
    assert {r["case"] for r in rows} == {"syn-low-0"} and len(rows) == 2
    with pytest.raises(QueryError, match="unknown query"):
        run_query(derived_store, "../derive/20_verdicts")
