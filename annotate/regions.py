"""Region words (data/regions.toml) -> the region id nearest to a position in a sentence."""

from __future__ import annotations

import re
from typing import Any


class RegionFinder:
    def __init__(self, data: dict[str, Any], lang: str) -> None:
        names = [(n, region) for region, langs in data.get("region", {}).items() for n in langs.get(lang, [])]
        names.sort(key=lambda t: -len(t[0]))
        self.lookup = {n.lower(): r for n, r in names}
        boundary = r"\b" if lang == "en" else ""
        alternation = "|".join(re.escape(n) for n, _ in names)
        self.regex = re.compile(f"{boundary}(?:{alternation}){boundary}", re.IGNORECASE) if names else None

    def nearest(self, text: str, start: int, end: int, pos: int) -> str | None:
        """The region named in text[start:end] closest to `pos`, or None."""
        if self.regex is None:
            return None
        best, best_gap = None, None
        for m in self.regex.finditer(text, start, end):
            gap = abs(m.start() - pos)
            if best_gap is None or gap < best_gap:
                best, best_gap = self.lookup[m.group(0).lower()], gap
        return best
