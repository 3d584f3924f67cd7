"""The one document model every ingester produces and every later stage reads.

A `Document` holds one canonical plain-text string (`text`); every offset in the
model (segments, structure, footnotes, page breaks, annotations) is a Unicode
code-point index into that string, end-exclusive.  `offset_map` maps canonical
offsets back to the original file (code points of the decoded source text).
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class DocumentKind(StrEnum):
    BOOK = "book"
    TREATY = "treaty"
    DRAFT = "draft"  # an initialled or negotiating draft of a treaty
    ARCHIVAL = "archival"  # e.g. a FRUS document
    SECONDARY = "secondary"  # narrative history (e.g. Office of the Historian milestones)
    OTHER = "other"  # test PDFs and anything else


class Label(StrEnum):
    """Annotation labels; the attributes each label carries are listed in docs/annotations.md."""

    ACTOR = "ACTOR"
    THREAT = "THREAT"
    OBLIGATION = "OBLIGATION"  # deontic statement of an ATOP type (defense, offense, ...)
    COMMITMENT = "COMMITMENT"  # other treaty commitments (mutual aid, bases, duration, ...)
    CLAIM = "CLAIM"  # the author's own claim about domain, commitment or strategy
    DATE = "DATE"
    EVENT = "EVENT"


@dataclass(frozen=True)
class Segment:
    """A run of text in one language (`zh`, `en`, or `und` for numbers, ISBNs...)."""

    start: int
    end: int
    lang: str


@dataclass
class StructureNode:
    """One structural unit: part, chapter, section, article, paragraph, footnote area...

    `type` is one of: front-matter, cip, colophon, preface, toc, toc-entry, chapter,
    section, paragraph, heading, preamble, article, article-paragraph, final-clauses,
    signatures, understanding, protocol, document, head, dateline, source-note, div,
    page (PDF), table.
    `titles` holds the title per language (`{"zh": "导论", "en": "Introduction"}`);
    `title` is the title in the node's own language.  `parent` is the id of the
    enclosing node.  `page` is the printed page number where the node starts.
    """

    type: str
    start: int
    end: int
    id: str = ""
    number: str | None = None
    title: str | None = None
    titles: dict[str, str] = field(default_factory=dict)
    page: int | None = None
    parent: str | None = None
    lang: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass
class Footnote:
    """A footnote: `anchor` is where its marker stands in the body text; start/end span its body."""

    marker: str
    anchor: int
    start: int
    end: int
    text: str
    id: str = ""
    page: int | None = None
    citation: dict[str, Any] | None = None  # parsed citation (authors, title, year, ...)


@dataclass(frozen=True)
class PageBreak:
    """The printed page `page` starts at canonical `offset`."""

    offset: int
    page: int | None


@dataclass(frozen=True)
class Alignment:
    """Two structure nodes that are the same unit in two languages (or two versions).

    `target_document` is None when both nodes are in this document (the book's
    目录 ↔ Contents); else the id of the other document (a treaty's zh text).
    """

    kind: str  # toc | paragraph | article
    source: str
    target: str
    target_document: str | None = None


@dataclass
class Annotation:
    """One annotation, tied to its span of a document's canonical text."""

    document: str
    start: int
    end: int
    text: str
    label: str
    entity: str | None = None  # a Wikidata id such as "Q30"
    attributes: dict[str, Any] = field(default_factory=dict)
    rule: str = ""
    annotator: str = ""
    confidence: float = 1.0
    lang: str | None = None

    @property
    def id(self) -> str:
        """Deterministic id: the same span, label and rule always give the same id."""
        key = f"{self.document}|{self.start}|{self.end}|{self.label}|{self.rule}"
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": self.label,
            "entity": self.entity,
            "attributes": self.attributes,
            "rule": self.rule,
            "annotator": self.annotator,
            "confidence": self.confidence,
        }


@dataclass
class Document:
    """A document in canonical form.  See the module docstring for the offset convention."""

    id: str
    kind: str
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)
    segments: list[Segment] = field(default_factory=list)
    structure: list[StructureNode] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    page_breaks: list[PageBreak] = field(default_factory=list)
    alignments: list[Alignment] = field(default_factory=list)
    # sorted (canonical_offset, original_offset) checkpoints; between two
    # checkpoints offsets advance together.
    offset_map: list[tuple[int, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def lang_at(self, offset: int) -> str | None:
        for seg in self.segments:
            if seg.start <= offset < seg.end:
                return seg.lang
        return None

    def original_offset(self, offset: int) -> int:
        """Map a canonical offset to the offset in the original (decoded) file."""
        if not self.offset_map:
            return offset
        keys = [c for c, _ in self.offset_map]
        i = bisect.bisect_right(keys, offset) - 1
        if i < 0:
            return offset
        canon, orig = self.offset_map[i]
        return orig + (offset - canon)

    def page_at(self, offset: int) -> int | None:
        page = None
        for pb in self.page_breaks:
            if pb.offset <= offset:
                page = pb.page
            else:
                break
        return page

    def nodes(self, type_: str) -> list[StructureNode]:
        return [n for n in self.structure if n.type == type_]

    def node(self, node_id: str) -> StructureNode | None:
        return next((n for n in self.structure if n.id == node_id), None)

    def enclosing(self, offset: int, type_: str) -> StructureNode | None:
        """The innermost node of `type_` that contains `offset`."""
        best: StructureNode | None = None
        for n in self.structure:
            if n.type == type_ and n.start <= offset < n.end:
                if best is None or (n.end - n.start) < (best.end - best.start):
                    best = n
        return best

    def to_json(self) -> dict[str, Any]:
        """The `foedus show --format json` contract (see docs/json.md)."""
        return {
            "id": self.id,
            "kind": self.kind,
            "metadata": self.metadata,
            "text": self.text,
            "segments": [asdict(s) for s in self.segments],
            "structure": [
                {
                    "id": n.id,
                    "type": n.type,
                    "number": n.number,
                    "title": n.title,
                    "titles": n.titles,
                    "start": n.start,
                    "end": n.end,
                    "page": n.page,
                    "parent": n.parent,
                }
                for n in self.structure
            ],
            "footnotes": [
                {
                    "id": f.id,
                    "marker": f.marker,
                    "anchor": f.anchor,
                    "start": f.start,
                    "end": f.end,
                    "text": f.text,
                    "page": f.page,
                    "citation": f.citation,
                }
                for f in self.footnotes
            ],
            "page_breaks": [asdict(p) for p in self.page_breaks],
            "alignments": [asdict(a) for a in self.alignments],
            "warnings": self.warnings,
        }
