"""Offset conventions: code points (the model's), UTF-16 code units (browsers, UIMA), line fragments."""

from __future__ import annotations

import bisect


class Utf16Index:
    """Convert code-point offsets of one text to UTF-16 code-unit offsets, and back."""

    def __init__(self, text: str) -> None:
        # code-point offsets of characters outside the BMP (each takes two UTF-16 units)
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def to_utf16(self, offset: int) -> int:
        return offset + bisect.bisect_left(self._astral, offset)

    def from_utf16(self, unit: int) -> int:
        lo, hi = 0, len(self._astral)
        while lo < hi:  # the number of astral characters before the code point at `unit`
            mid = (lo + hi) // 2
            if self._astral[mid] + mid < unit:
                lo = mid + 1
            else:
                hi = mid
        return unit - lo


def line_fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split [start, end) at line breaks into fragments that hold no line break and are not blank."""
    fragments: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        piece_end = stop - 1 if stop > pos and text[stop - 1] == "\r" else stop
        if text[pos:piece_end].strip():
            fragments.append((pos, piece_end))
        pos = stop + 1 if nl >= 0 else end
    return fragments


def quote_context(text: str, start: int, end: int, width: int = 32) -> tuple[str, str]:
    """The `width` characters before and after a span (Web Annotation prefix and suffix)."""
    return text[max(0, start - width) : start], text[end : end + width]


def anchor_quote(
    text: str, exact: str, prefix: str = "", suffix: str = "", near: int | None = None
) -> int | None:
    """Where `exact` stands in `text`, preferring matches whose context fits and lie nearest `near`."""
    hits = []
    pos = text.find(exact)
    while pos >= 0 and exact:
        score = 0
        if prefix and text[max(0, pos - len(prefix)) : pos] == prefix:
            score += 1
        if suffix and text[pos + len(exact) : pos + len(exact) + len(suffix)] == suffix:
            score += 1
        hits.append((-score, abs(pos - near) if near is not None else 0, pos))
        pos = text.find(exact, pos + 1)
    if not hits:
        return None
    best = min(hits)
    ties = [h for h in hits if h[:2] == best[:2]]
    return best[2] if len(ties) == 1 else None
