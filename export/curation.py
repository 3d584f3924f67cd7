"""Curated annotations: human corrections kept outside builds and applied over automatic ones.

Each import of corrections is one file ``STORE/curated/<stamp>-<activity>.jsonl`` (one record a
line), written atomically.  A rebuild reads them all, oldest first, so the corrections survive it.
Records are ``upsert`` (a span to add, replacing automatic spans of the same label it overlaps)
or ``delete`` (remove the annotation with exactly this span and label).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from foedus.errors import StoreError
from foedus.model import Annotation, Document
from foedus.ontology import iris

CURATED_DIR = "curated"
CURATED_ANNOTATOR = "curated"
CURATED_RULE = "curated"


@dataclass
class CuratedAnnotation:
    """One human correction: a span to add or replace (`upsert`) or to remove (`delete`)."""

    action: str  # "upsert" | "delete"
    document: str
    start: int
    end: int
    text: str
    label: str
    curated_by: str
    curated_at: str  # ISO 8601 date-time
    curated_from: str  # the file the correction was read from
    activity: str  # the id of the import that produced it
    entity: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    rule: str = CURATED_RULE  # for a deletion: the rule of the annotation removed
    source_id: str = ""  # the annotation's id in the imported file (brat T3, a Web Annotation IRI)

    def to_annotation(self, lang: str | None = None) -> Annotation:
        attrs = dict(self.attributes)
        attrs.update(curated_by=self.curated_by, curated_at=self.curated_at, curated_from=self.curated_from)
        return Annotation(
            document=self.document,
            start=self.start,
            end=self.end,
            text=self.text,
            label=self.label,
            entity=self.entity,
            attributes=attrs,
            rule=CURATED_RULE,
            annotator=CURATED_ANNOTATOR,
            confidence=1.0,
            lang=lang,
        )


def curated_dir(store_dir: Path) -> Path:
    return Path(store_dir) / CURATED_DIR


def load_curated(store_dir: Path) -> list[CuratedAnnotation]:
    """Every curated record under STORE/curated/, in import order (file names start with a stamp)."""
    folder = curated_dir(store_dir)
    if not folder.is_dir():
        return []
    records: list[CuratedAnnotation] = []
    for path in sorted(folder.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                records.append(CuratedAnnotation(**json.loads(line)))
            except (ValueError, TypeError) as exc:
                raise StoreError(f"{path}:{n}: not a curated annotation record ({exc})") from exc
    return records


def write_curated(store_dir: Path, stamp: str, activity: str, records: list[CuratedAnnotation]) -> Path:
    """Write one import's records atomically (a temporary file renamed into place)."""
    folder = curated_dir(store_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stamp}-{activity}.jsonl"
    tmp = folder / f".{path.name}.{os.getpid()}.tmp"
    with tmp.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(asdict(rec), ensure_ascii=False, sort_keys=True) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return path


def _overlaps(a: Annotation, start: int, end: int) -> bool:
    return a.start < end and start < a.end


def _reanchor(doc: Document, rec: CuratedAnnotation) -> tuple[int, int] | None:
    """The record's span in the current text: as recorded, else the nearest occurrence of its quote."""
    if doc.text[rec.start : rec.end] == rec.text:
        return rec.start, rec.end
    from foedus.export.offsets import anchor_quote

    pos = anchor_quote(doc.text, rec.text, near=rec.start)
    return None if pos is None else (pos, pos + len(rec.text))


def apply_curation(
    doc: Document, annotations: list[Annotation], curated: list[CuratedAnnotation]
) -> list[Annotation]:
    """The document's annotations with the curated records applied in order.

    An upsert removes annotations of the same label overlapping it and adds itself; a delete
    removes the annotation with exactly its span and label.  A record whose quote no longer
    occurs in the text is skipped with a warning on `doc.warnings`.
    """
    result = list(annotations)
    for rec in curated:
        if rec.document != doc.id:
            continue
        span = _reanchor(doc, rec)
        if span is None:
            doc.warnings.append(
                f"curated {rec.action} {rec.label} {rec.text!r} from {rec.curated_from} ({rec.source_id}) "
                "no longer matches the document text; skipped"
            )
            continue
        start, end = span
        if rec.action == "delete":
            result = [a for a in result if not (a.label == rec.label and a.start == start and a.end == end)]
            continue
        result = [a for a in result if not (a.label == rec.label and _overlaps(a, start, end))]
        ann = rec.to_annotation(lang=doc.lang_at(start))
        ann.start, ann.end = start, end
        result.append(ann)
    return sorted(result, key=lambda a: (a.start, -a.end, a.label))


def curated_graph(curated: list[CuratedAnnotation]) -> Graph:
    """Provenance of the corrections: a prov:Activity per import (who, when, which file) and the
    annotations each one generated or invalidated.  Goes into the graph `iris.CURATED_GRAPH`."""
    g = Graph(identifier=iris.CURATED_GRAPH)
    for prefix, ns in iris.PREFIXES.items():
        g.bind(prefix, ns)
    PROV = iris.PROV
    for rec in curated:
        act = iris.activity(f"curation/{rec.activity}")
        who = iris.ID["person/" + quote(rec.curated_by, safe="-._~")]
        when = Literal(datetime.fromisoformat(rec.curated_at), datatype=XSD.dateTime)
        source = URIRef(Path(rec.curated_from).absolute().as_uri())
        g.add((act, RDF.type, PROV.Activity))
        g.add((act, RDFS.label, Literal(f"import of corrections from {Path(rec.curated_from).name}")))
        g.add((act, PROV.wasAssociatedWith, who))
        g.add((act, PROV.startedAtTime, when))
        g.add((act, PROV.endedAtTime, when))
        g.add((act, PROV.used, source))
        g.add((source, RDF.type, PROV.Entity))
        g.add((who, RDF.type, PROV.Agent))
        g.add((who, RDF.type, PROV.Person))
        g.add((who, RDFS.label, Literal(rec.curated_by)))
        if rec.action == "delete":
            gone = Annotation(rec.document, rec.start, rec.end, rec.text, rec.label, rule=rec.rule)
            g.add((act, PROV.invalidated, iris.annotation(gone.id)))
        else:
            made = iris.annotation(rec.to_annotation().id)
            g.add((made, PROV.wasGeneratedBy, act))
            g.add((made, PROV.wasAttributedTo, who))
            g.add((made, PROV.generatedAtTime, when))
    return g
