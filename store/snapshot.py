"""The documents-and-annotations snapshot written beside each build's graph.

One JSON object per line, gzip-compressed: ``{"document": Document.to_json(),
"annotations": [Annotation.to_json(), ...]}``.  Exports and the document reader
stream it instead of rebuilding documents from triples.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from foedus.model import Alignment, Annotation, Document, Footnote, PageBreak, Segment, StructureNode

SNAPSHOT_NAME = "documents.jsonl.gz"


def document_from_json(data: dict) -> Document:
    return Document(
        id=data["id"],
        kind=data["kind"],
        text=data["text"],
        metadata=data.get("metadata", {}),
        segments=[Segment(**s) for s in data.get("segments", [])],
        structure=[StructureNode(**n) for n in data.get("structure", [])],
        footnotes=[Footnote(**f) for f in data.get("footnotes", [])],
        page_breaks=[PageBreak(**p) for p in data.get("page_breaks", [])],
        alignments=[Alignment(**a) for a in data.get("alignments", [])],
        offset_map=[tuple(x) for x in data.get("offset_map", [])],
        warnings=data.get("warnings", []),
    )


def annotation_from_json(data: dict, lang: str | None = None) -> Annotation:
    return Annotation(
        document=data["document"],
        start=data["start"],
        end=data["end"],
        text=data["text"],
        label=data["label"],
        entity=data.get("entity"),
        attributes=data.get("attributes") or {},
        rule=data.get("rule", ""),
        annotator=data.get("annotator", ""),
        confidence=data.get("confidence", 1.0),
        lang=data.get("lang", lang),
    )


def write_snapshot(build_dir: Path, items: Iterable[tuple[Document, list[Annotation]]]) -> Path:
    path = build_dir / SNAPSHOT_NAME
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for doc, anns in items:
            record = doc.to_json()
            record["offset_map"] = doc.offset_map
            fh.write(
                json.dumps(
                    {"document": record, "annotations": [a.to_json() | {"lang": a.lang} for a in anns]},
                    ensure_ascii=False,
                )
                + "\n"
            )
    return path


def read_snapshot(build_dir: Path) -> Iterator[tuple[Document, list[Annotation]]]:
    path = build_dir / SNAPSHOT_NAME
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            yield document_from_json(rec["document"]), [annotation_from_json(a) for a in rec["annotations"]]
