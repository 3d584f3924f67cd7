"""CoNLL-style BIO: one token per line, tab-separated, one BIO column per label (overlapping
annotations of different labels stay apart), sentences separated by a blank line, documents
started by `-DOCSTART-`.  Tokens come from the shared segmentation (jieba for zh)."""

from __future__ import annotations

from spacy.util import filter_spans

from foedus.export.job import ExportJob
from foedus.export.report import ExportReport
from foedus.export.spans import token_spans
from foedus.export.tokens import tokenize
from foedus.model import Label

FILE_NAME = "foedus.conll"
LABELS = [str(label) for label in Label]


def bio_columns(sdoc, spans) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """Per label, the BIO tag of every token (the longest wins where spans of one label overlap)."""
    columns = []
    for label in LABELS:
        tags = ["O"] * len(sdoc)
        for span in filter_spans([s.span for s in spans if s.annotation.label == label]):
            tags[span.start] = f"B-{label}"
            for i in range(span.start + 1, span.end):
                tags[i] = f"I-{label}"
        columns.append(tags)
    return columns


def write(job: ExportJob) -> ExportReport:
    report = ExportReport("conll", job.out_dir)
    path = job.path(FILE_NAME)
    with path.open("w", encoding="utf-8") as fh:
        fh.write("# columns = TOKEN START END " + " ".join(LABELS) + "\n")
        for doc, anns in job.iter_documents():
            sdoc = tokenize(doc)
            spans = token_spans(sdoc, anns)
            report.counts["snapped spans"] += sum(1 for s in spans if s.snapped)
            columns = bio_columns(sdoc, spans)
            fh.write(f"-DOCSTART-\t{doc.id}\n\n")
            for sent in sdoc.sents:
                rows = []
                for tok in sent:
                    if tok.is_space:
                        continue
                    tags = "\t".join(col[tok.i] for col in columns)
                    rows.append(f"{tok.text}\t{tok.idx}\t{tok.idx + len(tok.text)}\t{tags}\n")
                if rows:
                    fh.write("".join(rows) + "\n")
            report.documents += 1
            report.annotations += len(spans)
    report.files = 1
    report.outputs.append(path)
    return report
