"""Region words (data/regions.toml) -> the region id nearest to a position in a sentence."""

from __future__ import annotations

import re
from typing import Any

from foedus.annotate.prefilter import anchored_finditer, anchors


class RegionFinder:
    """Region words of `tables` in regions.toml (`region`; section titles add `topic`) for one language."""

    def __init__(self, data: dict[str, Any], lang: str, tables: tuple[str, ...] = ("region",)) -> None:
        names = [
            (n, region)
            for table in tables
            for region, langs in data.get(table, {}).items()
            for n in langs.get(lang, [])
        ]
        names.sort(key=lambda t: -len(t[0]))
        self.lookup = {n.lower(): r for n, r in names}
        boundary = r"\b" if lang == "en" else ""
        alternation = "|".join(re.escape(n) for n, _ in names)
        self.regex = re.compile(f"{boundary}(?:{alternation}){boundary}", re.IGNORECASE) if names else None
        # Every match starts with a region word: en sentences are only tried where one occurs.
        ascii_names = all(n.isascii() for n, _ in names)
        self.starts = anchors([n for n, _ in names]) if lang == "en" and ascii_names else None

    def hits(self, text: str, start: int, end: int) -> list[tuple[int, str]]:
        """(offset, region) of every region word in text[start:end]."""
        if self.regex is None:
            return []
        if self.starts is not None:
            matches = anchored_finditer(self.regex, text, start, end, self.starts)
        else:
            matches = self.regex.finditer(text, start, end)
        return [(m.start(), self.lookup[m.group(0).lower()]) for m in matches]

    def nearest(self, text: str, start: int, end: int, pos: int) -> str | None:
        """The region named in text[start:end] closest to `pos`, or None."""
        return nearest_region(self.hits(text, start, end), pos)


def nearest_region(hits: list[tuple[int, str]], pos: int) -> str | None:
    """The region of the hit closest to `pos` (the earlier one on a tie), or None."""
    best, best_gap = None, None
    for offset, region in hits:
        gap = abs(offset - pos)
        if best_gap is None or gap < best_gap:
            best, best_gap = region, gap
    return best
