"""Label Studio tasks (one JSON array, written item by item): `data` (text, document) and
`predictions` with `labels` results.

Label Studio counts offsets in JavaScript string units (UTF-16), so start/end here are UTF-16
offsets; `meta.offsets` says so.  Import with a labeling config of `<Labels name="label"
toName="text">` over `<Text name="text" value="$text"/>`."""

from __future__ import annotations

import json
from typing import Any

from foedus.export.job import ExportJob
from foedus.export.offsets import Utf16Index
from foedus.export.report import ExportReport

FILE_NAME = "foedus-labelstudio.json"
MODEL_VERSION = "foedus"


def task(doc: Any, anns: list[Any]) -> dict[str, Any]:
    utf16 = Utf16Index(doc.text)
    results = []
    for a in anns:
        results.append(
            {
                "id": a.id,
                "from_name": "label",
                "to_name": "text",
                "type": "labels",
                "value": {
                    "start": utf16.to_utf16(a.start),
                    "end": utf16.to_utf16(a.end),
                    "text": a.text,
                    "labels": [a.label],
                },
                "meta": {"entity": a.entity, "attributes": a.attributes, "rule": a.rule},
                "score": a.confidence,
            }
        )
    return {
        "data": {"text": doc.text, "document": doc.id},
        "predictions": [{"model_version": MODEL_VERSION, "result": results}],
        "meta": {"offsets": "utf-16"},
    }


def write(job: ExportJob) -> ExportReport:
    report = ExportReport("labelstudio", job.out_dir)
    path = job.path(FILE_NAME)
    with path.open("w", encoding="utf-8") as fh:
        fh.write("[")
        for doc, anns in job.iter_documents():
            fh.write(
                ("\n" if not report.documents else ",\n") + json.dumps(task(doc, anns), ensure_ascii=False)
            )
            report.documents += 1
            report.annotations += len(anns)
        fh.write("\n]\n")
    report.files = 1
    report.outputs.append(path)
    return report
