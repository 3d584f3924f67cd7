"""Date anchoring for THREAT and CLAIM.

The nearest explicit date or dated event in the sentence, else the paragraph, else the section.
A bare year in the sentence gives way to a dated event of the sentence that begins in that year
("the outbreak of the Korean War in 1950" -> 1950-06-25): the event is the more precise anchor.
"""

from __future__ import annotations

import re
from typing import Any

from foedus.model import Annotation, Document, Label

AFTER_BEFORE = re.compile(r"(?i)\b(?:after|since|following)\s+(?:the\s+)?$")
# "After the Vietminh achieved a <event>": an after-clause opening a few words before the event.
AFTER_CLAUSE = re.compile(r"(?i)\bafter\b[^,;.:]{0,32}$")
AFTER_FOLLOWS = re.compile(r"^\s*(?:之后|以后|后)")
# The book's sections, chapters and prefaces; a TEI essay (`div`); a whole archival document
# (`document`, whose dateline is its first date) — innermost first.
SECTION_TYPES = ("section", "chapter", "preface", "div", "document")


def anchor_value(a: Annotation, after: bool) -> tuple[str | None, str | None]:
    """(date, date_end) an anchor annotation gives: a DATE's value or an EVENT's interval."""
    attrs = a.attributes
    if a.label == Label.EVENT:
        if after or attrs.get("relation") == "after":
            return attrs["end"], None
        return attrs["start"], attrs["end"] if attrs["end"] != attrs["start"] else None
    precision = attrs.get("precision")
    if precision in ("decade",) or (precision == "year" and attrs["start"][:4] != attrs["end"][:4]):
        return attrs["start"][:4], attrs["end"][:4]
    return attrs.get("value"), None


def bare_year(a: Annotation) -> str | None:
    """The year of a DATE that names a single whole year (`1950`), else None."""
    attrs = a.attributes
    if a.label == Label.DATE and attrs.get("precision") == "year" and attrs["start"][:4] == attrs["end"][:4]:
        return attrs["start"][:4]
    return None


def event_in_year(a: Annotation) -> tuple[str, str | None]:
    """(date, date_end) of an EVENT dated by a bare year of its start: the year dates the event's
    beginning, so the end counts only when it falls in the same year."""
    start, end = a.attributes["start"], a.attributes["end"]
    return start, end if end != start and end[:4] == start[:4] else None


def paragraph_bounds(doc: Document, offset: int) -> tuple[int, int]:
    node = doc.enclosing(offset, "paragraph")
    if node:
        return node.start, node.end
    start = doc.text.rfind("\n\n", 0, offset)
    end = doc.text.find("\n\n", offset)
    return (0 if start < 0 else start + 2), (len(doc.text) if end < 0 else end)


def section_bounds(doc: Document, offset: int) -> tuple[int, int] | None:
    for type_ in SECTION_TYPES:
        node = doc.enclosing(offset, type_)
        if node:
            return node.start, node.end
    return None


def anchor(
    doc: Document, target: Annotation, anchors: list[Annotation], sentence: tuple[int, int]
) -> dict[str, Any]:
    """The date attributes of `target` (date, date_end, date_source); empty dict when there is none."""
    s, e = sentence
    in_sentence = [a for a in anchors if s <= a.start < e]
    for a in in_sentence:
        if a.label == Label.EVENT and (
            AFTER_BEFORE.search(doc.text[max(s, a.start - 16) : a.start])
            or AFTER_CLAUSE.search(doc.text[max(s, a.start - 40) : a.start])
            or AFTER_FOLLOWS.match(doc.text[a.end : a.end + 3])
        ):
            return _attrs(*anchor_value(a, True), "event")
    if in_sentence:
        best = min(in_sentence, key=lambda a: _gap(a, target))
        year = bare_year(best)
        events = [a for a in in_sentence if a.label == Label.EVENT and a.attributes["start"][:4] == year]
        if events:
            return _attrs(*event_in_year(min(events, key=lambda a: _gap(a, target))), "event")
        return _attrs(*anchor_value(best, False), "event" if best.label == Label.EVENT else "sentence")
    p_start, p_end = paragraph_bounds(doc, target.start)
    in_paragraph = [a for a in anchors if p_start <= a.start < p_end]
    before = [a for a in in_paragraph if a.end <= target.start]
    chosen = (
        max(before, key=lambda a: a.end)
        if before
        else (min(in_paragraph, key=lambda a: a.start) if in_paragraph else None)
    )
    if chosen:
        return _attrs(*anchor_value(chosen, False), "paragraph")
    bounds = section_bounds(doc, target.start)
    if bounds:
        before = [a for a in anchors if bounds[0] <= a.start and a.end <= target.start]
        if before:
            return _attrs(*anchor_value(max(before, key=lambda a: a.end), False), "section")
    return {"date": None, "date_source": None}


def _gap(a: Annotation, t: Annotation) -> int:
    return t.start - a.end if a.end <= t.start else a.start - t.end if a.start >= t.end else 0


def _attrs(date: str | None, date_end: str | None, source: str) -> dict[str, Any]:
    out: dict[str, Any] = {"date": date, "date_source": source}
    if date_end:
        out["date_end"] = date_end
    return out


def anchor_all(doc: Document, annotations: list[Annotation], sentences: list[tuple[int, int]]) -> None:
    """Fill the date attributes of every THREAT and CLAIM in place."""
    anchors = [
        a for a in annotations if a.label in (Label.DATE, Label.EVENT) and not a.attributes.get("history")
    ]
    for a in annotations:
        if a.label in (Label.THREAT, Label.CLAIM):
            sentence = next(((s, e) for s, e in sentences if s <= a.start < e), (a.start, a.end))
            a.attributes.update(anchor(doc, a, anchors, sentence))
