"""UIMA CAS XMI (for INCEpTION and DKPro) through dkpro-cassis, one .xmi per document plus
TypeSystem.xml.  cassis takes code-point offsets and writes UTF-16 offsets into the XMI, as Java
UIMA expects; it converts them back when it reads the XMI."""

from __future__ import annotations

from functools import cache

from cassis import Cas, TypeSystem

from foedus.export.attributes import to_json_text
from foedus.export.job import ExportJob, file_stem
from foedus.export.report import ExportReport
from foedus.export.tokens import main_language, tokenize
from foedus.model import Annotation, Document

ANNOTATION_TYPE = "foedus.Annotation"
SENTENCE_TYPE = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence"
TOKEN_TYPE = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token"
STRING, FLOAT = "uima.cas.String", "uima.cas.Float"


@cache
def typesystem() -> TypeSystem:
    """Sentence and Token (the DKPro names INCEpTION knows) and foedus.Annotation with its features."""
    ts = TypeSystem()
    ts.create_type(SENTENCE_TYPE, supertypeName="uima.tcas.Annotation")
    ts.create_type(TOKEN_TYPE, supertypeName="uima.tcas.Annotation")
    ann = ts.create_type(
        ANNOTATION_TYPE,
        supertypeName="uima.tcas.Annotation",
        description="A foedus annotation (docs/annotations.md)",
    )
    for name, rng, desc in [
        ("label", STRING, "ACTOR, THREAT, OBLIGATION, COMMITMENT, CLAIM, DATE or EVENT"),
        ("entity", STRING, "Wikidata id, e.g. Q30"),
        ("attributes", STRING, "the attributes as a JSON object"),
        ("rule", STRING, "the rule or pattern that fired"),
        ("annotator", STRING, "the annotator and its version"),
        ("confidence", FLOAT, "0-1"),
        ("annotationId", STRING, "the foedus annotation id"),
    ]:
        ts.create_feature(ann, name, rng, description=desc)
    return ts


def document_cas(doc: Document, anns: list[Annotation], with_tokens: bool = True) -> Cas:
    ts = typesystem()
    cas = Cas(typesystem=ts)
    cas.sofa_string = doc.text
    cas.document_language = main_language(doc)
    if with_tokens:
        Sentence, Token = ts.get_type(SENTENCE_TYPE), ts.get_type(TOKEN_TYPE)
        sdoc = tokenize(doc)
        for sent in sdoc.sents:
            cas.add(Sentence(begin=sent.start_char, end=sent.end_char))
        cas.add_all(Token(begin=t.idx, end=t.idx + len(t.text)) for t in sdoc if not t.is_space)
    A = ts.get_type(ANNOTATION_TYPE)
    cas.add_all(
        A(
            begin=a.start,
            end=a.end,
            label=a.label,
            entity=a.entity,
            attributes=to_json_text(a.attributes),
            rule=a.rule,
            annotator=a.annotator,
            confidence=float(a.confidence),
            annotationId=a.id,
        )
        for a in anns
    )
    return cas


def write(job: ExportJob) -> ExportReport:
    report = ExportReport("xmi", job.out_dir)
    typesystem().to_xml(job.path("TypeSystem.xml"))
    for doc, anns in job.iter_documents():
        document_cas(doc, anns).to_xmi(job.path(f"{file_stem(doc.id)}.xmi"))
        report.documents += 1
        report.annotations += len(anns)
        report.files += 1
    report.files += 1
    report.outputs.append(job.out_dir)
    return report
