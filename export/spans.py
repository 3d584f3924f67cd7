"""Annotations as spaCy spans, snapped outwards to token boundaries when they fall inside a token."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from foedus.model import Annotation


@dataclass
class TokenSpan:
    """An annotation and the tokens that cover it; `snapped` when its edges were not token edges."""

    annotation: Annotation
    span: Span
    snapped: bool


def token_spans(sdoc: Doc, anns: list[Annotation]) -> list[TokenSpan]:
    out = []
    for ann in anns:
        span = sdoc.char_span(ann.start, ann.end, label=ann.label, kb_id=ann.entity or "")
        snapped = span is None
        if span is None:
            span = sdoc.char_span(
                ann.start, ann.end, label=ann.label, kb_id=ann.entity or "", alignment_mode="expand"
            )
        if span is None or len(span) == 0:
            continue  # only whitespace: nothing a token can hold
        out.append(TokenSpan(ann, span, snapped))
    return out
