"""Cut the decoded conversion into blocks (runs of non-blank lines) and say what each one is."""

from __future__ import annotations

import re
from dataclasses import dataclass

from foedus.ingest.book_mapped import Mapped
from foedus.ingest.book_markup import CIRCLED, heading_level

_SEPARATOR = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_LINE = re.compile(r"[^\n]*\n|[^\n]+$")
_FOOTNOTE = re.compile(rf"^\s*(?:<sup>\s*)?(?P<marker>[{CIRCLED}])(?:\s*</sup>)?\s*")


@dataclass
class Block:
    """Consecutive non-blank lines of the source; `lines` hold (start, end) offsets without the newline."""

    kind: str  # heading | separator | footnote | text
    lines: list[tuple[int, int]]
    level: int = 0  # heading level
    marker: str = ""  # footnote marker

    @property
    def start(self) -> int:
        return self.lines[0][0]

    @property
    def end(self) -> int:
        return self.lines[-1][1]

    def mapped_lines(self, source: str) -> list[Mapped]:
        return [Mapped.of(source, a, b) for a, b in self.lines]


def _classify(source: str, lines: list[tuple[int, int]]) -> Block:
    first = source[lines[0][0] : lines[0][1]]
    if len(lines) == 1 and _SEPARATOR.match(first):
        return Block("separator", lines)
    level = heading_level(first)
    if level and len(lines) == 1:
        return Block("heading", lines, level=level)
    fn = _FOOTNOTE.match(first)
    if fn:
        return Block("footnote", lines, marker=fn.group("marker"))
    return Block("text", lines)


def split_blocks(source: str) -> list[Block]:
    """Blank lines end a block; a heading or separator line is always a block of its own."""
    blocks: list[Block] = []
    current: list[tuple[int, int]] = []
    pos = 0
    for raw in _LINE.findall(source):
        body = raw.rstrip("\r\n")
        span = (pos, pos + len(body))
        pos += len(raw)
        if not body.strip():
            if current:
                blocks.append(_classify(source, current))
                current = []
            continue
        alone = heading_level(body) > 0 or bool(_SEPARATOR.match(body))
        if alone and current:
            blocks.append(_classify(source, current))
            current = []
        current.append(span)
        if alone:
            blocks.append(_classify(source, current))
            current = []
    if current:
        blocks.append(_classify(source, current))
    return blocks


def split_footnote(m: Mapped) -> tuple[Mapped, Mapped]:
    """The marker of a footnote's first line and the rest of that line."""
    x = _FOOTNOTE.match(m.text)
    if not x:
        return m[0:0], m
    return m[x.start("marker") : x.end("marker")], m[x.end() :]
