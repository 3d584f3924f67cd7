"""Deterministic IRIs for everything foedus puts in the graph.

Every IRI is built from stable ids (document ids, structure-node ids, annotation ids,
Wikidata ids, treaty work ids, case ids), so building the same corpus twice gives the
same triples.  Controlled values (domains, threat levels, forms...) are SKOS concepts
under ``VOCAB`` named by scheme and notation, e.g. ``vocab/domain/losses``.
"""

from __future__ import annotations

from urllib.parse import quote

from rdflib import Namespace, URIRef

BASE = "https://w3id.org/foedus/"
FO = Namespace(BASE + "ontology#")
ID = Namespace(BASE + "id/")
VOCAB = Namespace(BASE + "vocab/")
GRAPH = Namespace(BASE + "graph/")

OA = Namespace("http://www.w3.org/ns/oa#")
PROV = Namespace("http://www.w3.org/ns/prov#")
BIBO = Namespace("http://purl.org/ontology/bibo/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
TIME = Namespace("http://www.w3.org/2006/time#")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
SCHEMA = Namespace("https://schema.org/")

CORPUS_GRAPH = GRAPH["corpus"]
DERIVED_GRAPH = GRAPH["derived"]
CURATED_GRAPH = GRAPH["curated"]
ONTOLOGY_GRAPH = GRAPH["ontology"]
PARAMETERS_GRAPH = GRAPH["parameters"]

PREFIXES = {
    "fo": FO,
    "fid": ID,
    "fv": VOCAB,
    "oa": OA,
    "prov": PROV,
    "bibo": BIBO,
    "nif": NIF,
    "time": TIME,
    "wd": WD,
    "wdt": WDT,
    "schema": SCHEMA,
}


def _part(value: object) -> str:
    """One path segment: keep ids readable, percent-encode anything unsafe."""
    return quote(str(value), safe="-._~")


def document(doc_id: str) -> URIRef:
    return ID[f"document/{_part(doc_id)}"]


def document_graph(doc_id: str) -> URIRef:
    return GRAPH[f"document/{_part(doc_id)}"]


def structure_node(doc_id: str, node_id: str) -> URIRef:
    return URIRef(f"{document(doc_id)}/node/{_part(node_id)}")


def footnote(doc_id: str, footnote_id: str) -> URIRef:
    return URIRef(f"{document(doc_id)}/footnote/{_part(footnote_id)}")


def page_break(doc_id: str, offset: int) -> URIRef:
    return URIRef(f"{document(doc_id)}/page-break/{offset}")


def segment(doc_id: str, start: int, end: int) -> URIRef:
    return URIRef(f"{document(doc_id)}/segment/{start}-{end}")


def alignment(doc_id: str, kind: str, source: str, target: str, target_doc: str | None) -> URIRef:
    other = _part(target_doc) + "/" if target_doc else ""
    return URIRef(f"{document(doc_id)}/alignment/{_part(kind)}/{_part(source)}/{other}{_part(target)}")


def annotation(annotation_id: str) -> URIRef:
    return ID[f"annotation/{_part(annotation_id)}"]


def annotation_part(annotation_id: str, part: str) -> URIRef:
    """The target, selectors and body of one annotation (`target`, `quote`, `position`)."""
    return URIRef(f"{annotation(annotation_id)}/{part}")


def threat(annotation_id: str) -> URIRef:
    return ID[f"threat/{_part(annotation_id)}"]


def obligation(annotation_id: str) -> URIRef:
    return ID[f"obligation/{_part(annotation_id)}"]


def claim(annotation_id: str) -> URIRef:
    return ID[f"claim/{_part(annotation_id)}"]


def event(annotation_id: str) -> URIRef:
    return ID[f"event-mention/{_part(annotation_id)}"]


def actor(key: str) -> URIRef:
    """An actor by Wikidata id (``Q30``) or, when it has none, by gazetteer id."""
    return ID[f"actor/{_part(key)}"]


def wikidata(qid: str) -> URIRef:
    return WD[qid]


def treaty(work: str) -> URIRef:
    return ID[f"treaty/{_part(work)}"]


def article(work: str, number: str) -> URIRef:
    return URIRef(f"{treaty(work)}/article/{_part(number)}")


def case(case_id: str) -> URIRef:
    return ID[f"case/{_part(case_id)}"]


def case_part(case_id: str, part: str) -> URIRef:
    return URIRef(f"{case(case_id)}/{part}")


def proposal(proposal_id: str) -> URIRef:
    return ID[f"proposal/{_part(proposal_id)}"]


def cited_source(source_id: str) -> URIRef:
    return ID[f"source/{_part(source_id)}"]


def parameter(name: str) -> URIRef:
    return ID[f"parameter/{_part(name)}"]


def activity(name: str) -> URIRef:
    return ID[f"activity/{_part(name)}"]


def agent(name: str) -> URIRef:
    """A software agent (annotator, builder) by its name, e.g. ``foedus.annotate.threat/1``."""
    return ID[f"agent/{_part(name)}"]


def concept(scheme: str, notation: str) -> URIRef:
    """A controlled value: ``concept("domain", "losses")``."""
    return VOCAB[f"{_part(scheme)}/{_part(notation)}"]
