"""Prodigy-style JSONL (the primary JSONL shape): one task per document with `text`, `tokens`,
`spans` (start/end in code points, label, token_start/token_end inclusive, kb_id) and `meta`."""

from __future__ import annotations

import json
from typing import Any

from foedus.export.job import ExportJob
from foedus.export.report import ExportReport
from foedus.export.spans import token_spans
from foedus.export.tokens import main_language, tokenize

FILE_NAME = "foedus.jsonl"


def task(doc: Any, anns: list[Any], report: ExportReport) -> dict[str, Any]:
    sdoc = tokenize(doc)
    spans = token_spans(sdoc, anns)
    report.counts["snapped spans"] += sum(1 for s in spans if s.snapped)
    tokens = [
        {"text": t.text, "start": t.idx, "end": t.idx + len(t.text), "id": t.i, "ws": bool(t.whitespace_)}
        for t in sdoc
    ]
    out_spans = []
    for s in spans:
        a = s.annotation
        item = {
            "start": a.start,
            "end": a.end,
            "text": a.text,
            "label": a.label,
            "token_start": s.span.start,
            "token_end": s.span.end - 1,
        }
        if a.entity:
            item["kb_id"] = a.entity
        if a.attributes:
            item["attributes"] = a.attributes
        out_spans.append(item)
    meta = {
        "document": doc.id,
        "kind": doc.kind,
        "lang": main_language(doc),
        "title": (doc.metadata.get("title") or {}),
    }
    return {"text": doc.text, "tokens": tokens, "spans": out_spans, "meta": meta}


def write(job: ExportJob) -> ExportReport:
    report = ExportReport("jsonl", job.out_dir)
    path = job.path(FILE_NAME)
    with path.open("w", encoding="utf-8") as fh:
        for doc, anns in job.iter_documents():
            fh.write(json.dumps(task(doc, anns, report), ensure_ascii=False) + "\n")
            report.documents += 1
            report.annotations += len(anns)
    report.files = 1
    report.outputs.append(path)
    return report
