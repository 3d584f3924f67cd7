"""spaCy DocBin (.spacy): every document as a Doc with `doc.spans["foedus"]` (label, kb_id_ = QID)
and `doc.ents` (non-overlapping ACTOR spans).  Written in shards so memory stays bounded; spaCy
reads a folder of .spacy files as one corpus."""

from __future__ import annotations

from spacy.tokens import DocBin
from spacy.util import filter_spans

from foedus.export.job import ExportJob
from foedus.export.report import ExportReport
from foedus.export.spans import token_spans
from foedus.export.tokens import tokenize
from foedus.model import Label

SPAN_KEY = "foedus"
DOCS_PER_SHARD = 500


def write(job: ExportJob) -> ExportReport:
    report = ExportReport("docbin", job.out_dir)
    shard, in_shard = 0, 0
    bin_ = DocBin(store_user_data=True)

    def flush() -> None:
        nonlocal bin_, shard, in_shard
        if in_shard:
            bin_.to_disk(job.path(f"foedus-{shard:04d}.spacy"))
            report.files += 1
            shard, in_shard = shard + 1, 0
            bin_ = DocBin(store_user_data=True)

    for doc, anns in job.iter_documents():
        sdoc = tokenize(doc)
        spans = token_spans(sdoc, anns)
        report.counts["snapped spans"] += sum(1 for s in spans if s.snapped)
        report.counts["whitespace-only spans skipped"] += len(anns) - len(spans)
        sdoc.spans[SPAN_KEY] = [s.span for s in spans]
        # entities only where the tokens hold the mention exactly: a snapped span would teach wrong edges
        actors = filter_spans([s.span for s in spans if s.annotation.label == Label.ACTOR and not s.snapped])
        sdoc.ents = actors
        sdoc.user_data["foedus_document"] = doc.id
        sdoc.user_data["foedus_snapped"] = [
            [s.span.start_char, s.span.end_char, s.annotation.start, s.annotation.end]
            for s in spans
            if s.snapped
        ]
        bin_.add(sdoc)
        in_shard += 1
        report.documents += 1
        report.annotations += len(spans)
        if in_shard >= DOCS_PER_SHARD:
            flush()
    flush()
    report.outputs.append(job.out_dir)
    return report
