"""Cue prefilter: the sentences of a Doc that contain one of a component's literal cue words.

A component's patterns are expensive (case-insensitive, word boundaries, many of them); its data file
lists literal cues such that every pattern match contains one.  The cues are found with `str.find`
(on the lower-cased text when `fold`), and only the sentences holding one are scanned by the patterns.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

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

    def sentence_matches(self, doc: Doc, regex: re.Pattern[str]) -> list[re.Match[str]]:
        """What `regex.finditer` gives on each sentence holding a cue, when every match of `regex` starts
        at a cue (ignoring case when `fold`): the regex is tried only at the cues, in text order,
        skipping those inside the previous match of their sentence."""
        text = text_of(doc)
        if self.fold and (
            lowered(doc) is None or (not text.isascii() and any(c in text for c in FOLD_ODDITIES))
        ):  # the lower-cased text may not show every match: scan the sentences
            return [m for s, e in self.sentences(doc) for m in regex.finditer(text, s, e)]
        positions = self.positions(doc)
        if not positions:
            return []
        bounds = sentence_bounds(doc)
        starts = sentence_starts(doc)
        out = []
        current, after = -1, 0
        for pos in positions:
            i = bisect_right(starts, pos) - 1
            if i < 0:
                continue
            s, e = bounds[i]
            if i != current:
                current, after = i, s
            if pos < after or pos >= e:
                continue
            m = regex.match(text, pos, e)
            if m is not None:
                out.append(m)
                after = max(m.end(), pos + 1)
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


# The non-ASCII letters `re.IGNORECASE` equates with ASCII ones (İ ı ſ K): with one in the text, a
# literal found by `str.find` on the lower-cased text may miss a case-insensitive match.
FOLD_ODDITIES = "\u0130\u0131\u017f\u212a"


def anchors(words: list[str]) -> tuple[str, ...]:
    """The lower-cased `words` that do not start with another of them: every word starts with one."""
    low = sorted({w.lower() for w in words})
    out: list[str] = []
    for w in low:  # sorted: a word's prefixes come before it
        if not any(w.startswith(a) for a in out):
            out.append(w)
    return tuple(out)


def starts_of(record: dict[str, Any], where: str) -> tuple[str, ...]:
    """A data entry's optional `starts` (lower-case ASCII strings, every match of its regex starts with
    one of them, ignoring case) as `anchors`; () when it has none."""
    starts = record.get("starts")
    if starts is None:
        return ()
    if not starts or not all(isinstance(x, str) and x and x.isascii() and x == x.lower() for x in starts):
        raise AnnotateError(f"{where}: starts must be a list of lower-case ASCII strings")
    return anchors(starts)


def anchored_finditer(
    regex: re.Pattern[str], text: str, start: int, end: int, starts: tuple[str, ...]
) -> Iterator[re.Match[str]]:
    """What `regex.finditer(text, start, end)` yields, for a case-insensitive (or caseless) `regex`
    every match of which starts with one of `starts` (lower-case ASCII strings, ignoring case): the
    regex is only tried where one of them occurs, in text order, skipping those inside the previous
    match.  When lower-casing cannot show every such place (it changes the length, or the text holds
    a letter `re.IGNORECASE` equates with an ASCII one), the whole range is scanned."""
    part = text[start:end]
    low = part.lower()
    if not part.isascii() and (len(low) != len(part) or any(c in part for c in FOLD_ODDITIES)):
        yield from regex.finditer(text, start, end)
        return
    places = []
    for word in starts:
        pos = low.find(word)
        while pos >= 0:
            places.append(pos)
            pos = low.find(word, pos + 1)
    if not places:
        return
    places.sort()
    after = 0
    for pos in places:
        if pos < after:
            continue
        m = regex.match(text, start + pos, end)
        if m is not None:
            yield m
            after = max(m.end() - start, pos + 1)
