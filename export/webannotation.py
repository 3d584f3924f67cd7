"""W3C Web Annotation JSON-LD: one AnnotationCollection per document.

Each annotation targets the document IRI with a TextQuoteSelector (exact/prefix/suffix) and a
TextPositionSelector whose start/end are Unicode code points, as the Web Annotation model says.
The same selector carries `utf16Start`/`utf16End` (foedus extension, see docs/export.md) for
browser tools that count UTF-16 code units.  Bodies: the label (purpose `classifying`), the
Wikidata entity (purpose `identifying`) and the attributes as JSON (purpose `describing`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from foedus.export.job import ExportJob, file_stem
from foedus.export.offsets import Utf16Index, quote_context
from foedus.export.report import ExportReport
from foedus.model import Annotation, Document
from foedus.ontology import iris

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
FOEDUS_CONTEXT = json.loads((Path(__file__).parent / "data" / "foedus-anno-context.jsonld").read_text())[
    "@context"
]
CONTEXT: list[Any] = [ANNO_CONTEXT, FOEDUS_CONTEXT]
ATTRIBUTES_FORMAT = "application/json"


def annotation_json(ann: Annotation, doc: Document, utf16: Utf16Index) -> dict[str, Any]:
    """One Annotation as a Web Annotation (compacted with CONTEXT)."""
    prefix, suffix = quote_context(doc.text, ann.start, ann.end)
    body: list[dict[str, Any]] = [{"type": "TextualBody", "purpose": "classifying", "value": ann.label}]
    if ann.entity:
        body.append({"id": str(iris.wikidata(ann.entity)), "purpose": "identifying"})
    if ann.attributes:
        body.append(
            {
                "type": "TextualBody",
                "purpose": "describing",
                "format": ATTRIBUTES_FORMAT,
                "value": json.dumps(ann.attributes, ensure_ascii=False, sort_keys=True),
            }
        )
    out: dict[str, Any] = {
        "id": str(iris.annotation(ann.id)),
        "type": "Annotation",
        "motivation": "identifying" if ann.entity else "classifying",
        "body": body,
        "target": {
            "source": str(iris.document(doc.id)),
            "selector": [
                {"type": "TextQuoteSelector", "exact": ann.text, "prefix": prefix, "suffix": suffix},
                {
                    "type": "TextPositionSelector",
                    "start": ann.start,
                    "end": ann.end,
                    "utf16Start": utf16.to_utf16(ann.start),
                    "utf16End": utf16.to_utf16(ann.end),
                },
            ],
        },
        "rule": ann.rule,
        "confidence": ann.confidence,
    }
    if ann.annotator:
        out["generator"] = {"id": str(iris.agent(ann.annotator)), "type": "Software", "name": ann.annotator}
    return out


def collection_json(doc: Document, anns: list[Annotation]) -> dict[str, Any]:
    utf16 = Utf16Index(doc.text)
    items = [annotation_json(a, doc, utf16) for a in anns]
    return {
        "@context": CONTEXT,
        "id": f"{iris.document(doc.id)}/annotations",
        "type": "AnnotationCollection",
        "label": f"foedus annotations of {doc.id}",
        "total": len(items),
        "first": {
            "id": f"{iris.document(doc.id)}/annotations/page/1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }


def write(job: ExportJob) -> ExportReport:
    report = ExportReport("webannotation", job.out_dir)
    for doc, anns in job.iter_documents():
        path = job.path(f"{file_stem(doc.id)}.jsonld")
        with path.open("w", encoding="utf-8") as fh:
            json.dump(collection_json(doc, anns), fh, ensure_ascii=False)
        report.documents += 1
        report.annotations += len(anns)
        report.files += 1
    report.outputs.append(job.out_dir)
    return report


# --- reading corrected annotations back -------------------------------------------------------


@dataclass
class WebAnnotationSpan:
    """What one Web Annotation says: the document, the selectors and the bodies."""

    id: str
    document: str
    exact: str | None
    prefix: str
    suffix: str
    start: int | None
    end: int | None
    label: str | None
    entity: str | None
    attributes: dict[str, Any] = field(default_factory=dict)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _type(node: dict[str, Any]) -> set[str]:
    return {
        str(t).rsplit("#", 1)[-1].rsplit(":", 1)[-1] for t in _as_list(node.get("type") or node.get("@type"))
    }


def read_items(data: Any) -> tuple[list[dict[str, Any]], bool]:
    """The annotations in a JSON-LD file, and whether the file is a whole collection (a complete set)."""
    if isinstance(data, list):
        return [d for d in data if isinstance(d, dict)], False
    if not isinstance(data, dict):
        raise ValueError("not a JSON object or array")
    kinds = _type(data)
    if "AnnotationCollection" in kinds:
        items: list[dict[str, Any]] = []
        page = data.get("first")
        while isinstance(page, dict):
            items += _as_list(page.get("items"))
            page = page.get("next") if isinstance(page.get("next"), dict) else None
        return items, True
    if "AnnotationPage" in kinds:
        return _as_list(data.get("items")), False
    if "Annotation" in kinds:
        return [data], False
    raise ValueError("neither an Annotation, an AnnotationPage nor an AnnotationCollection")


def parse_annotation(node: dict[str, Any]) -> WebAnnotationSpan:
    """The selectors and bodies of one annotation; raises ValueError for what foedus cannot use."""
    ann_id = str(node.get("id") or node.get("@id") or "")
    target = _as_list(node.get("target"))
    if len(target) != 1 or not isinstance(target[0], dict):
        raise ValueError("the target must be one specific resource with a source and selectors")
    source = str(target[0].get("source") or "")
    doc_prefix = str(iris.document("")).rstrip("/") + "/"
    if not source.startswith(doc_prefix):
        raise ValueError(f"target source {source!r} is not a foedus document IRI ({doc_prefix}...)")
    from urllib.parse import unquote

    span = WebAnnotationSpan(ann_id, unquote(source[len(doc_prefix) :]), None, "", "", None, None, None, None)
    for sel in _as_list(target[0].get("selector")):
        kinds = _type(sel)
        if "TextQuoteSelector" in kinds:
            span.exact, span.prefix, span.suffix = (
                sel.get("exact"),
                sel.get("prefix") or "",
                sel.get("suffix") or "",
            )
        elif "TextPositionSelector" in kinds:
            span.start, span.end = int(sel["start"]), int(sel["end"])
    for body in _as_list(node.get("body")):
        if isinstance(body, str):
            body = {"id": body}
        purpose = {str(p) for p in _as_list(body.get("purpose"))}
        if "classifying" in purpose or "tagging" in purpose:
            span.label = str(body.get("value"))
        elif "identifying" in purpose:
            span.entity = str(body.get("id") or body.get("source") or "").rsplit("/", 1)[-1] or None
        elif "describing" in purpose and body.get("format") == ATTRIBUTES_FORMAT:
            span.attributes = json.loads(body.get("value") or "{}")
    if not span.label:
        raise ValueError("no classifying body names the label")
    if span.exact is None and span.start is None:
        raise ValueError("no TextQuoteSelector or TextPositionSelector")
    return span
