"""What a component found in one segment Doc, before it becomes a document-level `Annotation`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc

FOUND_KEY = "foedus.found"
CONTEXT_KEY = "foedus.context"
SENTENCES_KEY = "foedus.sentences"
TEXT_KEY = "foedus.text"


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


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Character bounds of the sentences (the whole Doc when no sentence boundaries are set); cached."""
    cached = doc.user_data.get(SENTENCES_KEY)
    if cached is not None:
        return cached
    text = text_of(doc)
    bounds = [(0, len(text))]
    if len(doc):
        # one array read instead of creating a Token per word (doc.sents is slow on many small docs)
        rows = doc.to_array([SENT_START, IDX])
        starts = [int(idx) for flag, idx in rows if flag == 1]
        if starts:  # no sentence starts set: the whole Doc is one sentence
            if starts[0] != 0:
                starts.insert(0, 0)
            ends = starts[1:] + [len(text)]
            bounds = [(s, _rstrip(text, s, e)) for s, e in zip(starts, ends, strict=True)]
    doc.user_data[SENTENCES_KEY] = bounds
    return bounds


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def sentence_of(bounds: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    for start, end in bounds:
        if start <= offset < end:
            return start, end
    return bounds[-1] if bounds else (0, offset)
