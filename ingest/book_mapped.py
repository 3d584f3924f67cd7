"""Text that remembers where each character came from in the decoded source file.

Every cleaning step (markup removal, whitespace squashing, rejoining pages) works
on `Mapped` strings, so the canonical text can always be traced back character by
character; `CanonicalBuilder` turns the per-character origins into the compact
`Document.offset_map` checkpoints.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_WS_RUN = re.compile(r"\s+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Mapped:
    """A string plus, for each character, its offset in the source text."""

    text: str
    origin: tuple[int, ...]

    @classmethod
    def of(cls, source: str, start: int, end: int) -> Mapped:
        return cls(source[start:end], tuple(range(start, end)))

    @classmethod
    def synthetic(cls, text: str, origin: int) -> Mapped:
        """Characters not in the source (a joining space), all mapped to `origin`."""
        return cls(text, (origin,) * len(text))

    @classmethod
    def concat(cls, parts: Iterable[Mapped]) -> Mapped:
        parts = list(parts)
        return cls("".join(p.text for p in parts), tuple(o for p in parts for o in p.origin))

    def __len__(self) -> int:
        return len(self.text)

    def __getitem__(self, key: slice) -> Mapped:
        return Mapped(self.text[key], self.origin[key])

    def __add__(self, other: Mapped) -> Mapped:
        return Mapped(self.text + other.text, self.origin + other.origin)

    def strip(self) -> Mapped:
        left = len(self.text) - len(self.text.lstrip())
        right = len(self.text.rstrip())
        return self[left:right] if left < right else self[0:0]

    def squash_spaces(self) -> Mapped:
        """Each run of whitespace (tabs, line breaks) becomes one space at the run's first character."""
        parts: list[Mapped] = []
        last = 0
        for m in _WS_RUN.finditer(self.text):
            parts.append(self[last : m.start()])
            parts.append(Mapped(" ", (self.origin[m.start()],)))
            last = m.end()
        parts.append(self[last:])
        return Mapped.concat(parts)

    def drop(self, spans: Iterable[tuple[int, int]]) -> Mapped:
        """The text with the given (sorted, disjoint) spans removed."""
        parts: list[Mapped] = []
        last = 0
        for a, b in spans:
            parts.append(self[last:a])
            last = b
        parts.append(self[last:])
        return Mapped.concat(parts)


def collapse_letterspacing(m: Mapped) -> Mapped:
    """'导 论' -> '导论': drop the spaces of a title whose every token is one CJK character."""
    tokens = m.text.split()
    if len(tokens) < 2 or not all(len(t) == 1 and _CJK.match(t) for t in tokens):
        return m
    return m.drop((x.start(), x.end()) for x in _WS_RUN.finditer(m.text))


def is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


class CanonicalBuilder:
    """Accumulates the canonical text and the origin of every character."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._parts: list[str] = []
        self._origin: list[int] = []

    @property
    def pos(self) -> int:
        return len(self._origin)

    def append(self, m: Mapped) -> tuple[int, int]:
        """Append `m`; return its canonical span."""
        start = self.pos
        self._parts.append(m.text)
        self._origin.extend(m.origin)
        return start, self.pos

    def drop_last(self, n: int) -> None:
        """Remove the last `n` characters (a soft hyphen found only when the next page is read)."""
        if n <= 0:
            return
        text = self.text()[:-n]
        self._parts = [text]
        del self._origin[-n:]

    def last_char(self) -> str:
        return self._parts[-1][-1] if self._parts and self._parts[-1] else ""

    def whitespace_after(self, origin: int) -> int:
        """The first source whitespace at or after `origin` (past any markup), else `origin` itself."""
        m = _WS_RUN.search(self.source, origin)
        return m.start() if m else max(0, min(origin, len(self.source) - 1))

    def separator(self, text: str) -> None:
        """Append a block separator mapped onto the source whitespace after the last character."""
        if not self._origin or not text:
            return
        self.append(Mapped.synthetic(text, self.whitespace_after(self._origin[-1] + 1)))

    def text(self) -> str:
        return "".join(self._parts)

    def offset_map(self) -> list[tuple[int, int]]:
        """Checkpoints (canonical, original) wherever the origin stops advancing one by one."""
        points: list[tuple[int, int]] = []
        prev = None
        for i, o in enumerate(self._origin):
            if prev is None or o != prev + 1:
                points.append((i, o))
            prev = o
        return points
