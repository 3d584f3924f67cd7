"""brat standoff: `<doc>.txt` (the canonical text) and `<doc>.ann` per document.

T lines hold code-point offsets into the .txt; a span that crosses a line break is written as
fragments (`T1 ACTOR 0 5;6 10`).  A lines hold flat attributes, N lines the Wikidata id, and an
AnnotatorNotes line keeps the full attributes as JSON so a round trip loses nothing.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from foedus.export.attributes import is_flat
from foedus.export.job import ExportJob, file_stem, write_text_atomic
from foedus.export.offsets import line_fragments
from foedus.export.report import ExportReport
from foedus.model import Annotation, Label

NORMALIZATION_DB = "Wikidata"
# attribute keys that are provenance, kept in the notes only
_NOTES_ONLY = {"curated_by", "curated_at", "curated_from"}


def brat_value(value: Any) -> str | None:
    """The brat attribute value for `value`, or None when brat cannot hold it (kept in the notes)."""
    if value is True:
        return ""
    if value is False or not is_flat(value):
        return None
    text = str(value)
    return None if any(ch in text for ch in ",|:") else text


def ann_lines(ann: Annotation, doc_text: str, n: int, counters: dict[str, int]) -> list[str]:
    """The .ann lines of one annotation, numbered T{n}; `counters` numbers the A, N and # lines."""
    frags = line_fragments(doc_text, ann.start, ann.end) or [(ann.start, ann.end)]
    tid = f"T{n}"
    spans = ";".join(f"{s} {e}" for s, e in frags)
    shown_text = " ".join(doc_text[s:e] for s, e in frags)
    lines = [f"{tid}\t{ann.label} {spans}\t{shown_text}"]
    for key, value in sorted(ann.attributes.items()):
        shown = brat_value(value)
        if key in _NOTES_ONLY or shown is None:
            continue
        counters["A"] += 1
        lines.append(f"A{counters['A']}\t{key} {tid}" + (f" {shown}" if shown else ""))
    if ann.entity:
        counters["N"] += 1
        lines.append(f"N{counters['N']}\tReference {tid} {NORMALIZATION_DB}:{ann.entity}\t{shown_text}")
    notes = {"id": ann.id, "rule": ann.rule, "annotator": ann.annotator, "confidence": ann.confidence}
    notes["attributes"] = ann.attributes
    counters["#"] += 1
    lines.append(
        f"#{counters['#']}\tAnnotatorNotes {tid}\t{json.dumps(notes, ensure_ascii=False, sort_keys=True)}"
    )
    return lines


def write(job: ExportJob) -> ExportReport:
    report = ExportReport("brat", job.out_dir)
    attr_values: dict[str, set[str]] = defaultdict(set)
    attr_labels: dict[str, set[str]] = defaultdict(set)
    labels: set[str] = {str(label) for label in Label}
    for doc, anns in job.iter_documents():
        stem = file_stem(doc.id)
        write_text_atomic(job.path(f"{stem}.txt"), doc.text)
        counters = {"A": 0, "N": 0, "#": 0}
        lines: list[str] = []
        for n, ann in enumerate(anns, 1):
            lines.extend(ann_lines(ann, doc.text, n, counters))
            labels.add(ann.label)
            frags = len(line_fragments(doc.text, ann.start, ann.end))
            if frags > 1:
                report.counts["multi-fragment spans"] += 1
            for key, value in ann.attributes.items():
                shown = brat_value(value)
                if key not in _NOTES_ONLY and shown is not None:
                    attr_labels[key].add(ann.label)
                    attr_values[key].add(shown)
        write_text_atomic(job.path(f"{stem}.ann"), "".join(line + "\n" for line in lines))
        report.documents += 1
        report.annotations += len(anns)
        report.files += 2
    write_text_atomic(job.path("annotation.conf"), annotation_conf(sorted(labels), attr_labels, attr_values))
    write_text_atomic(job.path("tools.conf"), tools_conf())
    report.files += 2
    report.outputs.append(job.out_dir)
    return report


def annotation_conf(
    labels: list[str], attr_labels: dict[str, set[str]], attr_values: dict[str, set[str]]
) -> str:
    """brat's annotation.conf: the labels, overlaps allowed, and each attribute with its values."""
    out = [
        "[entities]",
        *labels,
        "",
        "[relations]",
        "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>",
    ]
    out += ["", "[events]", "", "[attributes]"]
    for key in sorted(attr_labels):
        values = sorted(v for v in attr_values[key] if v)
        spec = f"{key}\tArg:{'|'.join(sorted(attr_labels[key]))}"
        out.append(spec + (f", Value:{'|'.join(values)}" if values else ""))
    return "\n".join(out) + "\n"


def tools_conf() -> str:
    return (
        "[normalization]\n"
        f"{NORMALIZATION_DB}\t<URL>:https://www.wikidata.org/, <URLBASE>:https://www.wikidata.org/wiki/%s\n"
    )


# --- reading corrected files back -------------------------------------------------------------

_T = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t(.*)$")
_A = re.compile(r"^([AM]\d+)\t(\S+) (T\d+)(?: (\S+))?$")
_N = re.compile(r"^(N\d+)\tReference (T\d+) ([^:\s]+):(\S+)(?:\t.*)?$")
_NOTE = re.compile(r"^(#\d+)\tAnnotatorNotes (T\d+)\t(.*)$")


@dataclass
class BratSpan:
    """One T annotation read from an .ann file, with what the other lines attach to it."""

    id: str
    label: str
    fragments: list[tuple[int, int]]
    text: str
    line: int
    entity: str | None = None
    shown: dict[str, str] = field(default_factory=dict)  # A lines: key -> value ("" for binary)
    notes: dict[str, Any] = field(default_factory=dict)


def parse_ann(path: Path) -> list[BratSpan]:
    """Parse an .ann file; raises ValueError naming the line for anything malformed or unsupported."""
    spans: dict[str, BratSpan] = {}
    pending: list[tuple[int, str]] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        m = _T.match(line)
        if m:
            frags = []
            for part in m.group(3).split(";"):
                s, e = part.split()
                frags.append((int(s), int(e)))
            spans[m.group(1)] = BratSpan(m.group(1), m.group(2), frags, m.group(4), n)
            continue
        if line[0] in "AMN#":
            pending.append((n, line))
            continue
        raise ValueError(
            f"line {n}: only text-bound (T), attribute (A), normalisation (N) and note (#) "
            f"lines can be imported, not {line.split(chr(9))[0]!r}"
        )
    for n, line in pending:
        a, nm, note = _A.match(line), _N.match(line), _NOTE.match(line)
        if a:
            target = a.group(3)
        elif nm or note:
            target = (nm or note).group(2)
        elif line.startswith("#"):
            continue  # a free comment
        else:
            raise ValueError(f"line {n}: malformed line {line!r}")
        if target not in spans:
            raise ValueError(f"line {n}: refers to {target}, which is not a T annotation of this file")
        span = spans[target]
        if a:
            span.shown[a.group(2)] = a.group(4) or ""
        elif nm:
            if nm.group(3).lower() != NORMALIZATION_DB.lower():
                raise ValueError(
                    f"line {n}: normalisation to {nm.group(3)!r}; only {NORMALIZATION_DB} ids are known"
                )
            span.entity = nm.group(4)
        else:
            try:
                span.notes = json.loads(note.group(3))
            except ValueError:
                span.notes = {}  # a note a curator wrote by hand
    return list(spans.values())


def merged_attributes(span: BratSpan) -> dict[str, Any]:
    """The attributes the curator means: the notes' JSON, with the A lines as the authority for
    every key brat could show (an A line removed in brat removes the key)."""
    base = dict(span.notes.get("attributes") or {}) if isinstance(span.notes, dict) else {}
    for key, value in list(base.items()):
        if key not in _NOTES_ONLY and brat_value(value) is not None and key not in span.shown:
            if value is True:
                base[key] = False
            else:
                del base[key]
    for key, shown in span.shown.items():
        old = base.get(key)
        if shown == "":
            base[key] = True
        elif isinstance(old, bool) or old is None or isinstance(old, str):
            base[key] = shown if not isinstance(old, bool) else shown.lower() == "true"
        else:
            try:
                base[key] = type(old)(shown)
            except ValueError:
                base[key] = shown
    return base
