"""Map one Document (with its Annotations) and the corpus records to RDF graphs.

`document_graph` holds everything about one document: its record, canonical text,
structure, footnotes and their citations, page breaks, segments, alignments and
annotations.  `corpus_graph` holds treaties, actors, cases and proposals.  IRIs come
from `foedus.ontology.iris`, so mapping the same input twice gives the same triples.
"""

from __future__ import annotations

from rdflib import RDF, RDFS, XSD, Graph, Literal
from rdflib.namespace import DCTERMS

from foedus.model import Annotation, Document
from foedus.ontology import iris
from foedus.ontology.iris import BIBO, FO, NIF, PROV
from foedus.ontology.rdf_annotations import add_annotation
from foedus.ontology.rdf_bibliography import add_bibliographic_record, add_citation
from foedus.ontology.rdf_corpus import add_article, corpus_graph
from foedus.ontology.rdf_terms import bind_prefixes, text

__all__ = ["corpus_graph", "document_graph"]

_KIND_CLASS = {
    "book": BIBO.Book,
    "treaty": FO.TreatyText,
    "draft": FO.DraftText,
    "archival": FO.ArchivalDocument,
    "secondary": FO.SecondaryWork,
}


def document_graph(doc: Document, annotations: list[Annotation]) -> Graph:
    """Every triple about `doc`: to be stored in its own named graph."""
    g = bind_prefixes(Graph())
    d = iris.document(doc.id)
    g.add((d, RDF.type, FO.Document))
    if doc.kind in _KIND_CLASS:
        g.add((d, RDF.type, _KIND_CLASS[doc.kind]))
    g.add((d, FO.documentId, Literal(doc.id)))
    g.add((d, FO.kind, Literal(doc.kind)))
    g.add((d, FO.documentKind, iris.concept("document-kind", doc.kind)))
    g.add((d, NIF.isString, Literal(doc.text)))
    g.add((d, FO.length, Literal(len(doc.text), datatype=XSD.integer)))
    g.add((d, PROV.wasGeneratedBy, iris.activity("ingest")))
    for lang in sorted({s.lang for s in doc.segments if s.lang not in (None, "und")}):
        g.add((d, DCTERMS.language, Literal(lang)))
    biblio = doc.metadata.get("bibliographic")
    if isinstance(biblio, dict):
        add_bibliographic_record(g, d, biblio)
    _add_structure(g, doc)
    _add_footnotes(g, doc)
    _add_pages_and_segments(g, doc)
    _add_alignments(g, doc)
    for ann in annotations:
        add_annotation(g, doc, ann)
    return g


def _add_structure(g: Graph, doc: Document) -> None:
    d = iris.document(doc.id)
    work = doc.metadata.get("work")
    for n in doc.structure:
        if not n.id:
            continue
        node = iris.structure_node(doc.id, n.id)
        g.add((node, RDF.type, FO.StructureNode))
        g.add((node, FO.inDocument, d))
        g.add((node, FO.nodeType, Literal(n.type)))
        g.add((node, FO.start, Literal(n.start, datatype=XSD.integer)))
        g.add((node, FO.end, Literal(n.end, datatype=XSD.integer)))
        g.add((node, FO.nodeId, Literal(n.id)))
        if n.number is not None:
            g.add((node, FO.number, Literal(str(n.number))))
        if n.page is not None:
            g.add((node, FO.page, Literal(n.page, datatype=XSD.integer)))
        if n.parent:
            g.add((node, DCTERMS.isPartOf, iris.structure_node(doc.id, n.parent)))
        if n.lang:
            g.add((node, DCTERMS.language, Literal(n.lang)))
        titles = dict(n.titles)
        if n.title and (n.lang or "und") not in titles:
            titles[n.lang or "und"] = n.title
        for lang, title in sorted(titles.items()):
            g.add((node, DCTERMS.title, text(title, lang)))
        if n.type == "article" and work and n.number is not None:
            g.add((node, FO.realizes, add_article(g, work, str(n.number))))


def _add_footnotes(g: Graph, doc: Document) -> None:
    d = iris.document(doc.id)
    for i, f in enumerate(doc.footnotes):
        fn = iris.footnote(doc.id, f.id or f"fn{i + 1}")
        g.add((fn, RDF.type, FO.Footnote))
        g.add((fn, FO.inDocument, d))
        g.add((fn, FO.marker, Literal(f.marker)))
        g.add((fn, FO.anchor, Literal(f.anchor, datatype=XSD.integer)))
        g.add((fn, FO.start, Literal(f.start, datatype=XSD.integer)))
        g.add((fn, FO.end, Literal(f.end, datatype=XSD.integer)))
        g.add((fn, RDF.value, Literal(f.text)))
        page = f.page if f.page is not None else doc.page_at(f.anchor)
        if page is not None:
            g.add((fn, FO.page, Literal(page, datatype=XSD.integer)))
        chapter = doc.enclosing(f.anchor, "chapter")
        if chapter is not None and chapter.id:
            g.add((fn, FO.inSection, iris.structure_node(doc.id, chapter.id)))
        section = doc.enclosing(f.anchor, "section")
        if section is not None and section.id:
            g.add((fn, FO.inSection, iris.structure_node(doc.id, section.id)))
        if f.citation:
            add_citation(g, fn, f.citation)


def _add_pages_and_segments(g: Graph, doc: Document) -> None:
    d = iris.document(doc.id)
    for pb in doc.page_breaks:
        node = iris.page_break(doc.id, pb.offset)
        g.add((node, RDF.type, FO.PageBreak))
        g.add((node, FO.inDocument, d))
        g.add((node, FO.offset, Literal(pb.offset, datatype=XSD.integer)))
        if pb.page is not None:
            g.add((node, FO.page, Literal(pb.page, datatype=XSD.integer)))
    for s in doc.segments:
        node = iris.segment(doc.id, s.start, s.end)
        g.add((node, RDF.type, FO.Segment))
        g.add((node, FO.inDocument, d))
        g.add((node, FO.start, Literal(s.start, datatype=XSD.integer)))
        g.add((node, FO.end, Literal(s.end, datatype=XSD.integer)))
        g.add((node, DCTERMS.language, Literal(s.lang)))


def _add_alignments(g: Graph, doc: Document) -> None:
    for a in doc.alignments:
        node = iris.alignment(doc.id, a.kind, a.source, a.target, a.target_document)
        g.add((node, RDF.type, FO.Alignment))
        g.add((node, FO.alignmentKind, Literal(a.kind)))
        g.add((node, FO.alignsSource, iris.structure_node(doc.id, a.source)))
        g.add((node, FO.alignsTarget, iris.structure_node(a.target_document or doc.id, a.target)))
        g.add((node, RDFS.label, Literal(f"{a.kind} {a.source} ↔ {a.target}")))
