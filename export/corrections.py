"""Import corrected annotations (brat standoff, Web Annotation JSON-LD) as curated records.

Every quote is checked against the canonical text of the current build before anything is
written; a mismatch is an error naming the file and the annotation.  The records of one import
are written in one atomic step, so a failed import leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from foedus.errors import DocumentError
from foedus.export.curation import CuratedAnnotation, apply_curation, load_curated, write_curated
from foedus.export.job import doc_id_from_stem
from foedus.export.offsets import anchor_quote
from foedus.export.report import ImportReport
from foedus.model import Annotation, Document
from foedus.store import current_build
from foedus.store.snapshot import read_snapshot

_PROVENANCE = {"curated_by", "curated_at", "curated_from"}


class CorrectionError(DocumentError):
    """A corrected annotation cannot be imported (bad quote, unknown document, malformed file)."""


@dataclass
class Corrected:
    """One annotation as the curator left it, anchored in the canonical text."""

    source_id: str
    start: int
    end: int
    label: str
    entity: str | None
    attributes: dict[str, Any]


@dataclass
class CorrectedFile:
    """The annotations one file gives for one document; `complete` when they are its whole set."""

    path: Path
    document: str
    complete: bool
    annotations: list[Corrected] = field(default_factory=list)


def _detect(path: Path) -> str:
    files = [path] if path.is_file() else sorted(path.iterdir())
    suffixes = {p.suffix for p in files}
    if ".ann" in suffixes:
        return "brat"
    if suffixes & {".jsonld", ".json"}:
        return "webannotation"
    raise CorrectionError(str(path), "no .ann or .jsonld file to import; pass fmt='brat' or 'webannotation'")


def _brat_files(path: Path, texts: dict[str, str]) -> list[CorrectedFile]:
    from foedus.export.brat import merged_attributes, parse_ann

    anns = [path] if path.suffix == ".ann" else sorted(path.glob("*.ann"))
    out = []
    for ann_path in anns:
        doc_id = doc_id_from_stem(ann_path.stem)
        text = texts.get(doc_id)
        if text is None:
            raise CorrectionError(str(ann_path), f"document {doc_id!r} is not in the current build")
        txt_path = ann_path.with_suffix(".txt")
        if txt_path.exists() and txt_path.read_text(encoding="utf-8") != text:
            raise CorrectionError(
                str(txt_path),
                "differs from the canonical text of the current build; "
                "correct annotations in the .ann file only, never the .txt",
            )
        try:
            spans = parse_ann(ann_path)
        except ValueError as exc:
            raise CorrectionError(str(ann_path), str(exc)) from None
        cf = CorrectedFile(ann_path, doc_id, complete=True)
        for span in spans:
            where = f"{span.id} (line {span.line})"
            for s, e in span.fragments:
                if not 0 <= s <= e <= len(text):
                    raise CorrectionError(str(ann_path), f"{where}: offsets {s} {e} lie outside the text")
            shown = " ".join(text[s:e] for s, e in span.fragments)
            if shown != span.text:
                raise CorrectionError(
                    str(ann_path),
                    f"{where}: quote {span.text!r} does not match the text at its offsets {shown!r}",
                )
            start, end = span.fragments[0][0], max(e for _, e in span.fragments)
            cf.annotations.append(
                Corrected(span.id, start, end, span.label, span.entity, merged_attributes(span))
            )
        out.append(cf)
    return out


def _webannotation_files(path: Path, texts: dict[str, str]) -> list[CorrectedFile]:
    from foedus.export.webannotation import parse_annotation, read_items

    files = (
        [path] if path.is_file() else sorted(p for p in path.iterdir() if p.suffix in (".jsonld", ".json"))
    )
    out: list[CorrectedFile] = []
    for file in files:
        try:
            items, complete = read_items(json.loads(file.read_text(encoding="utf-8")))
        except ValueError as exc:
            raise CorrectionError(str(file), f"not Web Annotation JSON-LD ({exc})") from None
        by_doc: dict[str, CorrectedFile] = {}
        for n, node in enumerate(items):
            try:
                span = parse_annotation(node)
            except (ValueError, KeyError, TypeError) as exc:
                raise CorrectionError(str(file), f"annotation {node.get('id') or f'#{n}'}: {exc}") from None
            text = texts.get(span.document)
            if text is None:
                raise CorrectionError(
                    str(file), f"annotation {span.id}: document {span.document!r} is not in the current build"
                )
            start, end = _anchor(span, text, file)
            cf = by_doc.setdefault(span.document, CorrectedFile(file, span.document, complete))
            cf.annotations.append(Corrected(span.id, start, end, span.label, span.entity, span.attributes))
        out.extend(by_doc.values())
    return out


def _anchor(span: Any, text: str, file: Path) -> tuple[int, int]:
    """The code-point span of a Web Annotation, its quote checked against the canonical text."""
    if span.start is not None:
        if not 0 <= span.start <= span.end <= len(text):
            raise CorrectionError(
                str(file), f"annotation {span.id}: position {span.start}-{span.end} lies outside the text"
            )
        found = text[span.start : span.end]
        if span.exact is not None and found != span.exact:
            raise CorrectionError(
                str(file),
                f"annotation {span.id}: quote {span.exact!r} does not match the "
                f"text at {span.start}-{span.end} ({found!r})",
            )
        return span.start, span.end
    pos = anchor_quote(text, span.exact, span.prefix, span.suffix)
    if pos is None:
        raise CorrectionError(
            str(file),
            f"annotation {span.id}: quote {span.exact!r} does not occur exactly "
            "once in the text with its prefix and suffix",
        )
    return pos, pos + len(span.exact)


def _comparable(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if k not in _PROVENANCE}


def _diff(
    cf: CorrectedFile, doc: Document, baseline: list[Annotation], meta: dict[str, str], report: ImportReport
) -> list[CuratedAnnotation]:
    """The curated records that turn `baseline` into what the curator left in `cf`."""
    before = {(a.start, a.end, a.label): a for a in baseline}
    records: list[CuratedAnnotation] = []
    kept: list[Corrected] = []

    def record(action: str, c: Corrected | Annotation, source_id: str, rule: str = "curated") -> None:
        records.append(
            CuratedAnnotation(
                action=action,
                document=doc.id,
                start=c.start,
                end=c.end,
                text=doc.text[c.start : c.end],
                label=c.label,
                entity=c.entity,
                attributes=_comparable(c.attributes),
                rule=rule,
                source_id=source_id,
                **meta,
            )
        )

    seen = set()
    for c in cf.annotations:
        key = (c.start, c.end, c.label)
        seen.add(key)
        old = before.get(key)
        if (
            old is not None
            and old.entity == c.entity
            and _comparable(old.attributes) == _comparable(c.attributes)
        ):
            report.unchanged += 1
            kept.append(c)
            continue
        if old is None:
            report.added += 1
        else:
            report.changed += 1
        record("upsert", c, c.source_id)
    if cf.complete:
        for key, old in before.items():
            if key not in seen:
                report.deleted += 1
                record("delete", old, old.id, rule=old.rule)
    # an upsert replaces every same-label span it overlaps: pin the overlapped ones the curator kept
    upserts = [r for r in records if r.action == "upsert"]
    for c in kept:
        if any(r.label == c.label and r.start < c.end and c.start < r.end for r in upserts):
            record("upsert", c, c.source_id)
    return records


def import_corrections(path: Path, store_dir: Path, *, who: str, fmt: str | None = None) -> ImportReport:
    """Read corrections from `path` (a file or a folder) and write them to STORE/curated/."""
    if not path.exists():
        raise CorrectionError(str(path), "no such file or folder")
    fmt = fmt or _detect(path)
    if fmt not in ("brat", "webannotation"):
        raise CorrectionError(str(path), f"format {fmt!r} cannot be imported; use brat or webannotation")
    build = current_build(store_dir)
    texts: dict[str, str] = {}
    for doc, _ in read_snapshot(build):
        texts[doc.id] = doc.text
    files = _brat_files(path, texts) if fmt == "brat" else _webannotation_files(path, texts)
    del texts

    now = datetime.now(UTC)
    digest = hashlib.sha1(f"{who}|{now.isoformat()}|{path.resolve()}".encode()).hexdigest()[:12]
    meta = {
        "curated_by": who,
        "curated_at": now.isoformat(timespec="seconds"),
        "curated_from": str(path.resolve()),
        "activity": digest,
    }
    report = ImportReport(fmt, path, activity=digest)
    wanted = {cf.document: cf for cf in files}
    curated = load_curated(store_dir)
    records: list[CuratedAnnotation] = []
    for doc, anns in read_snapshot(build):
        cf = wanted.get(doc.id)
        if cf is None:
            continue
        baseline = apply_curation(doc, anns, curated)
        file_meta = meta | {"curated_from": str(cf.path.resolve())}
        records += _diff(cf, doc, baseline, file_meta, report)
        report.documents += 1
    if records:
        report.written = write_curated(store_dir, now.strftime("%Y%m%dT%H%M%S%f"), digest, records)
    return report
