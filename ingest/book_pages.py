"""Rejoining paragraphs that a PDF conversion cut at page ends.

A body paragraph whose last character does not end a sentence is continued by the
next body paragraph (after the page's footnotes and separator).  Chinese joins with
nothing in between; English with one space, or with nothing after a hyphen.
"""

from __future__ import annotations

import re

from foedus.ingest.book_mapped import Mapped, is_cjk

# characters that can close a paragraph: sentence punctuation and closing quotes/brackets
_CLOSERS = set('。！？!?.…;；:：”"’)）》」』]】')
_WIDE = re.compile(r"[\u3000-\u303f\uff00-\uffef“”‘’《》]")


def ends_open(text: str) -> bool:
    """True when the paragraph stops mid-sentence (the page ended inside it)."""
    stripped = text.rstrip()
    return bool(stripped) and stripped[-1] not in _CLOSERS


def _chinese_side(ch: str) -> bool:
    return is_cjk(ch) or bool(_WIDE.match(ch))


def joiner(left: Mapped, right: Mapped, known_words: set[str] | None = None) -> tuple[Mapped, int]:
    """What goes between two fragments of one paragraph, and how many characters to drop from `left`.

    A hyphen at the break is kept ("Asia-" + "Pacific"), unless both sides are lower case and the
    word without the hyphen occurs elsewhere in the text (`known_words`), the sign of a soft hyphen.
    """
    if not left.text or not right.text:
        return Mapped("", ()), 0
    lch, rch = left.text[-1], right.text[0]
    if _chinese_side(lch) or _chinese_side(rch):
        return Mapped("", ()), 0
    if lch == "-" and len(left.text) > 1 and left.text[-2].isalpha() and rch.isalpha():
        head = re.search(r"[A-Za-z]+-$", left.text)
        tail = re.match(r"[A-Za-z]+", right.text)
        if head and tail and known_words is not None:
            word = head.group()[:-1] + tail.group()
            if word.islower() and word in known_words:
                return Mapped("", ()), 1
        return Mapped("", ()), 0
    # one space, mapped onto the line break that followed the left fragment in the source
    return Mapped.synthetic(" ", left.origin[-1] + 1), 0
