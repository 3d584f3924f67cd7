"""What a segment's components may know about the document it comes from."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from foedus.annotate.found import CONTEXT_KEY


@dataclass(frozen=True)
class Scope:
    """A structure node (article, understanding, ...) in segment-local character offsets."""

    start: int
    end: int
    type: str
    number: str | None = None


@dataclass
class SegmentContext:
    """Document facts handed to the components through `doc.user_data`."""

    document: str = ""
    kind: str = "other"
    lang: str = "en"
    date: str | None = None  # the document's own date (ISO), if any
    parties: list[str] = field(default_factory=list)  # QIDs
    work: str | None = None
    scopes: list[Scope] = field(default_factory=list)


def context_of(doc: Doc) -> SegmentContext:
    ctx = doc.user_data.get(CONTEXT_KEY)
    return ctx if isinstance(ctx, SegmentContext) else SegmentContext(lang=doc.lang_)
