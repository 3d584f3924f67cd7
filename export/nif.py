"""NIF 2.1 (Turtle, one file per document): the document text as a nif:Context and every
annotated span as a nif:Phrase with RFC 5147 `#char=begin,end` IRIs (code points), linked to an
annotation unit carrying the label, Wikidata entity, confidence and attributes."""

from __future__ import annotations

from pathlib import Path

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef

from foedus.export.attributes import to_json_text
from foedus.export.job import ExportJob, file_stem
from foedus.export.report import ExportReport
from foedus.model import Annotation, Document
from foedus.ontology import iris

NIF = iris.NIF
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
FO = iris.FO


def char_iri(doc_id: str, start: int, end: int) -> URIRef:
    return URIRef(f"{iris.document(doc_id)}#char={start},{end}")


def document_graph(doc: Document, anns: list[Annotation]) -> Graph:
    g = Graph()
    g.bind("nif", NIF)
    g.bind("itsrdf", ITSRDF)
    g.bind("fo", FO)
    g.bind("wd", iris.WD)
    nn = XSD.nonNegativeInteger
    ctx = char_iri(doc.id, 0, len(doc.text))
    g.add((ctx, RDF.type, NIF.Context))
    g.add((ctx, RDF.type, NIF.OffsetBasedString))
    g.add((ctx, NIF.isString, Literal(doc.text)))
    g.add((ctx, NIF.beginIndex, Literal(0, datatype=nn)))
    g.add((ctx, NIF.endIndex, Literal(len(doc.text), datatype=nn)))
    g.add((ctx, NIF.sourceUrl, iris.document(doc.id)))
    for a in anns:
        phrase = char_iri(doc.id, a.start, a.end)
        g.add((phrase, RDF.type, NIF.String))
        g.add((phrase, RDF.type, NIF.Phrase))
        g.add((phrase, RDF.type, NIF.OffsetBasedString))
        g.add((phrase, NIF.referenceContext, ctx))
        g.add((phrase, NIF.anchorOf, Literal(a.text)))
        g.add((phrase, NIF.beginIndex, Literal(a.start, datatype=nn)))
        g.add((phrase, NIF.endIndex, Literal(a.end, datatype=nn)))
        unit = iris.annotation(a.id)
        g.add((phrase, NIF.annotationUnit, unit))
        g.add((unit, RDF.type, NIF.AnnotationUnit))
        g.add((unit, FO.label, Literal(a.label)))
        g.add((unit, ITSRDF.taClassRef, FO[a.label.capitalize()]))
        if a.entity:
            g.add((unit, ITSRDF.taIdentRef, iris.wikidata(a.entity)))
        g.add((unit, ITSRDF.taConfidence, Literal(a.confidence, datatype=XSD.double)))
        if a.annotator:
            g.add((unit, ITSRDF.taAnnotatorsRef, iris.agent(a.annotator)))
        if a.attributes:
            g.add((unit, FO.attributes, Literal(to_json_text(a.attributes))))
    return g


def write_triples(g: Graph, path: Path) -> None:
    """One triple a line (Turtle that is nearly N-Triples): rdflib's pretty Turtle writer is ~10x slower."""
    with path.open("w", encoding="utf-8") as fh:
        fh.writelines(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in g)


def write(job: ExportJob) -> ExportReport:
    report = ExportReport("nif", job.out_dir)
    for doc, anns in job.iter_documents():
        write_triples(document_graph(doc, anns), job.path(f"{file_stem(doc.id)}.ttl"))
        report.documents += 1
        report.annotations += len(anns)
        report.files += 1
    report.outputs.append(job.out_dir)
    return report
