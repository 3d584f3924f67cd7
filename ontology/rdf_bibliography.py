"""The book's bibliographic record and footnote citations as BIBO / Dublin Core nodes."""

from __future__ import annotations

import hashlib
from typing import Any

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from foedus.ontology import iris
from foedus.ontology.iris import BIBO, FO
from foedus.ontology.rdf_terms import date_literal, text

# citation "type" values (as the book ingester writes them) → BIBO classes
_CITATION_CLASSES = {
    "book": BIBO.Book,
    "article": BIBO.AcademicArticle,
    "journal-article": BIBO.AcademicArticle,
    "chapter": BIBO.BookSection,
    "document": BIBO.Document,
    "archival": BIBO.Document,
    "government-document": BIBO.LegalDocument,
    "nsc": BIBO.Report,
    "report": BIBO.Report,
    "frus": BIBO.Document,
    "treaty": BIBO.LegalDocument,
    "treaty-collection": BIBO.Collection,
    "speech": BIBO.Document,
    "letter": BIBO.Letter,
    "newspaper": BIBO.Article,
    "webpage": BIBO.Webpage,
}


# For a value given as a dict (an author, an edition…), the key that holds its readable form.
_READABLE_KEYS = ("name_zh", "name_en", "name", "code", "number", "text", "format")


def _strings(value: Any) -> list[str]:
    """Readable strings of a scalar, a list, or a dict such as {"name_zh": "肖斌", "role": "著"}."""
    if value in (None, ""):
        return []
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        key = next((k for k in _READABLE_KEYS if value.get(k) not in (None, "")), None)
        return [str(value[key])] if key else []
    return [str(value)]


def _titled(g: Graph, node: URIRef, prop: URIRef, value: Any) -> None:
    """A title given as a string, or as {"zh": ..., "en": ...}."""
    if isinstance(value, dict):
        for lang, v in sorted(value.items()):
            if v:
                g.add((node, prop, text(str(v), lang)))
    elif value:
        g.add((node, prop, Literal(str(value))))


def add_bibliographic_record(g: Graph, doc: URIRef, record: dict[str, Any]) -> None:
    """The book's title page and CIP data (doc.metadata["bibliographic"])."""
    g.add((doc, RDF.type, BIBO.Book))
    _titled(g, doc, DCTERMS.title, record.get("title"))
    _titled(g, doc, FO.subtitle, record.get("subtitle"))
    for author in _strings(record.get("authors")):
        g.add((doc, DCTERMS.creator, Literal(author)))
    for editor in _strings(record.get("editors")):
        g.add((doc, DCTERMS.contributor, Literal(editor)))
    _titled(g, doc, DCTERMS.publisher, record.get("publisher"))
    _titled(g, doc, FO.publicationPlace, record.get("place"))
    if record.get("date"):
        g.add((doc, DCTERMS.issued, date_literal(record["date"])))
    for key, prop in (
        ("edition", BIBO.edition),
        ("printing", FO.printing),
        ("isbn", BIBO.isbn13),
        ("cip_number", FO.cipNumber),
        ("classification", FO.classification),
        ("extent", DCTERMS.extent),
        ("price", FO.price),
    ):
        for v in _strings(record.get(key)):
            g.add((doc, prop, Literal(v)))


def citation_key(citation: dict[str, Any]) -> str:
    """The cited source's id: `source_id` when the ingester gave one, else a hash of author/title/year."""
    if citation.get("source_id"):
        return str(citation["source_id"])
    basis = "|".join(str(citation.get(k) or "") for k in ("authors", "title", "year", "nsc_number", "frus"))
    return "h" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]


def add_citation(g: Graph, footnote: URIRef, citation: dict[str, Any]) -> None:
    """A footnote cites a source: one node per cited source, shared by every footnote citing it."""
    src = iris.cited_source(citation_key(citation))
    g.add((footnote, DCTERMS.references, src))
    g.add((src, RDF.type, FO.CitedSource))
    g.add((src, RDF.type, _CITATION_CLASSES.get(str(citation.get("type", "")).lower(), BIBO.Document)))
    if citation.get("type"):
        g.add((src, FO.sourceType, Literal(str(citation["type"]))))
    _titled(g, src, DCTERMS.title, citation.get("title"))
    for author in _strings(citation.get("authors")):
        g.add((src, DCTERMS.creator, Literal(author)))
    if citation.get("year"):
        g.add((src, DCTERMS.date, date_literal(citation["year"])))
    for key, prop in (
        ("publisher", DCTERMS.publisher),
        ("place", FO.publicationPlace),
        ("container", FO.container),
        ("nsc_number", FO.nscNumber),
        ("frus", FO.frusReference),
        ("url", FO.url),
    ):
        for v in _strings(citation.get(key)):
            g.add((src, prop, Literal(v)))
    for v in _strings(citation.get("raw")):
        g.add((footnote, FO.citationText, Literal(v)))
    for v in _strings(citation.get("pages")):
        g.add((footnote, BIBO.pages, Literal(v)))
    lang = citation.get("language") or citation.get("lang")
    if lang:
        g.add((src, DCTERMS.language, Literal(str(lang))))
