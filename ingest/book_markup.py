"""Strip the Markdown-like markup of a PDF-to-text conversion from one block of text.

Footnote anchors (`<sup>①</sup>`) are removed and reported with their position;
emphasis (`*title*`) is removed and reported as spans, because in footnotes it
marks the title of the cited work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from foedus.ingest.book_mapped import Mapped

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# one alternative per construct; the named group `keep` is the text that stays
_INLINE = re.compile(
    rf"<sup>\s*(?P<anchor>[{CIRCLED}])\s*</sup>"
    r"|</?b>"
    r"|\[(?P<keep_link>[^\]\n]+)\]\((?:mailto:|https?://)[^)\s]*\)"
    r"|<(?P<keep_url>(?:https?|ftp)://[^>\s]+)>"
    r"|\*\*(?P<keep_strong>[^*\n]+)\*\*"
    r"|\*(?P<keep_em>[^*\n]+)\*"
)
_HEADING = re.compile(r"^(#{1,6})[ \t]+")


@dataclass
class Clean:
    """A block after markup removal."""

    text: Mapped
    anchors: list[tuple[str, int]] = field(default_factory=list)  # (marker, offset in text)
    emphasis: list[tuple[int, int]] = field(default_factory=list)


def strip_inline(m: Mapped) -> Clean:
    """Remove inline markup; keep link texts, URLs and emphasised words."""
    parts: list[Mapped] = []
    anchors: list[tuple[str, int]] = []
    emphasis: list[tuple[int, int]] = []
    size = 0
    last = 0
    for x in _INLINE.finditer(m.text):
        before = m[last : x.start()]
        parts.append(before)
        size += len(before)
        last = x.end()
        if x.group("anchor"):
            anchors.append((x.group("anchor"), size))
            continue
        for name in ("keep_link", "keep_url", "keep_strong", "keep_em"):
            if x.group(name) is not None:
                kept = m[x.start(name) : x.end(name)]
                parts.append(kept)
                if name in ("keep_strong", "keep_em"):
                    emphasis.append((size, size + len(kept)))
                size += len(kept)
    parts.append(m[last:])
    return Clean(Mapped.concat(parts), anchors, emphasis)


def heading_level(line: str) -> int:
    """The number of leading '#' of a Markdown heading line, 0 if it is not one."""
    x = _HEADING.match(line)
    return len(x.group(1)) if x else 0


def strip_heading(m: Mapped) -> Mapped:
    x = _HEADING.match(m.text)
    return m[x.end() :] if x else m
