"""What a component found in one segment Doc, before it becomes a document-level `Annotation`."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc

FOUND_KEY = "foedus.found"
CONTEXT_KEY = "foedus.context"
SENTENCES_KEY = "foedus.sentences"
SENTENCE_STARTS_KEY = "foedus.sentence_starts"
TEXT_KEY = "foedus.text"
LOWER_KEY = "foedus.lower"


@dataclass
class Found:
    """A labelled span in segment-local character offsets (end-exclusive)."""

    start: int
    end: int
    label: str
    rule: str
    annotator: str
    entity: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    confidence: float = 1.0


def found_in(doc: Doc, label: str | None = None) -> list[Found]:
    """Everything found so far in `doc` (optionally of one label), in text order."""
    items = doc.user_data.setdefault(FOUND_KEY, [])
    return [f for f in items if label is None or f.label == label]


def add_found(doc: Doc, items: list[Found]) -> None:
    doc.user_data.setdefault(FOUND_KEY, []).extend(items)
    doc.user_data[FOUND_KEY].sort(key=lambda f: (f.start, -f.end))


def text_of(doc: Doc) -> str:
    """`doc.text`, cached: spaCy rebuilds the string from the tokens on every access."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def lowered(doc: Doc) -> str | None:
    """`text_of(doc).lower()`, cached; None when lower-casing changes the length (offsets would shift)."""
    if LOWER_KEY not in doc.user_data:
        text = text_of(doc)
        low = text.lower()
        doc.user_data[LOWER_KEY] = low if len(low) == len(text) else None
    return doc.user_data[LOWER_KEY]


def set_sentence_starts(doc: Doc, starts: list[int]) -> None:
    """Record the sentences' start characters (ascending, the first 0), as a sentence splitter found them."""
    doc.user_data[SENTENCE_STARTS_KEY] = starts
    doc.user_data.pop(SENTENCES_KEY, None)
    doc.user_data.pop(SENTENCE_STARTS_KEY + ".bisect", None)


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Character bounds of the sentences (the whole Doc when no sentence boundaries are set); cached."""
    cached = doc.user_data.get(SENTENCES_KEY)
    if cached is not None:
        return cached
    text = text_of(doc)
    bounds = [(0, len(text))]
    starts = doc.user_data.get(SENTENCE_STARTS_KEY)
    if starts is None and len(doc):
        # one array read instead of creating a Token per word (doc.sents is slow on many small docs)
        rows = doc.to_array([SENT_START, IDX])
        starts = rows[rows[:, 0] == 1, 1].tolist()
    if starts:  # no sentence starts set: the whole Doc is one sentence
        if starts[0] != 0:
            starts = [0, *starts]
        ends = starts[1:] + [len(text)]
        bounds = [(s, _rstrip(text, s, e)) for s, e in zip(starts, ends, strict=True)]
    doc.user_data[SENTENCES_KEY] = bounds
    return bounds


def sentence_starts(doc: Doc) -> list[int]:
    """The start offsets of `sentence_bounds(doc)`, cached (for bisection)."""
    key = SENTENCE_STARTS_KEY + ".bisect"
    if key not in doc.user_data:
        doc.user_data[key] = [s for s, _ in sentence_bounds(doc)]
    return doc.user_data[key]


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def sentence_of(bounds: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    """The sentence holding `offset` (the one before it when `offset` falls in trailing whitespace)."""
    if not bounds:
        return 0, offset
    i = bisect_right(bounds, (offset, float("inf"))) - 1
    if i >= 0 and bounds[i][0] <= offset < bounds[i][1]:
        return bounds[i]
    return bounds[-1]
