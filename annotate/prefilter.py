"""Cue prefilter: the sentences of a Doc that contain one of a component's literal cue words.

A component's patterns are expensive (case-insensitive, word boundaries, many of them); its data file
lists literal cues such that every pattern match contains one.  The cues are found with `str.find`
(on the lower-cased text when `fold`), and only the sentences holding one are scanned by the patterns.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc

from foedus.annotate.found import lowered, sentence_bounds, sentence_starts, text_of
from foedus.errors import AnnotateError


class CueFilter:
    def __init__(
        self, cues: list[str], fold: bool, where: str, window: tuple[int, int] | list[int] | None = None
    ) -> None:
        if not cues or not all(isinstance(c, str) and c for c in cues):
            raise AnnotateError(f"{where}: prefilter needs a list of non-empty cue strings")
        if window is not None and (len(window) != 2 or min(window) < 0):
            raise AnnotateError(f"{where}: prefilter window must be [chars before, chars after] a cue")
        self.window = (int(window[0]), int(window[1])) if window is not None else None
        self.fold = fold
        self.cues = sorted({c.lower() if fold else c for c in cues})
        self.folded_regex = re.compile("|".join(map(re.escape, self.cues)), re.IGNORECASE)

    def positions(self, doc: Doc) -> list[int]:
        """Start offsets of every cue occurrence, ascending."""
        text = lowered(doc) if self.fold else text_of(doc)
        if text is None:  # lower-casing changed the length: search the original text, ignoring case
            return [m.start() for m in self.folded_regex.finditer(text_of(doc))]
        found = []
        for cue in self.cues:
            pos = text.find(cue)
            while pos >= 0:
                found.append(pos)
                pos = text.find(cue, pos + 1)
        return sorted(found)

    def windows(self, doc: Doc) -> list[tuple[int, int]]:
        """Merged character windows around the cues (`window` chars before/after a cue's start); the
        sentences holding a cue when no window is set."""
        if self.window is None:
            return self.sentences(doc)
        before, after = self.window
        size = len(text_of(doc))
        out: list[tuple[int, int]] = []
        for pos in self.positions(doc):
            start, end = max(0, pos - before), min(size, pos + after)
            if out and start <= out[-1][1]:
                out[-1] = (out[-1][0], max(end, out[-1][1]))
            else:
                out.append((start, end))
        return out

    def sentences(self, doc: Doc) -> list[tuple[int, int]]:
        """The sentences (character bounds, in text order) that contain a cue."""
        positions = self.positions(doc)
        if not positions:
            return []
        bounds = sentence_bounds(doc)
        starts = sentence_starts(doc)
        out: list[tuple[int, int]] = []
        for pos in positions:
            i = bisect_right(starts, pos) - 1
            if i < 0:
                continue
            if not out or out[-1] != bounds[i]:
                out.append(bounds[i])
        return out
