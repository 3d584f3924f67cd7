"""Article headings of treaty texts: `Article 5`, `ARTICLE IV`, `Article V.`, `Art. 5`, `第五条`.

Also the markers of numbered paragraphs inside an article (`1.`, `(a)`, `(1)`, `(i)`); the
numerals themselves are `foedus.numerals`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from foedus.numerals import chinese_to_int, roman_to_int

# `Article 5`, `ARTICLE IV`, `Article V.`, `Art. 5`, `Article 5 —`; the rest of the line is
# returned so `Article 5. The Parties ...` also parses.
_EN_HEADING = re.compile(
    r"^(?P<head>(?:article|art\.)\s*(?P<num>\d{1,3}|[ivxlc]{1,12})\b\.?)(?:[ \t]*[:.\u2014\u2013-])?",
    re.IGNORECASE,
)
_ZH_HEADING = re.compile(r"^(?P<head>第\s*(?P<num>[零〇○一二两三四五六七八九十百\d]{1,6})\s*条)")
_PARAGRAPH_MARKER = re.compile(
    r"^(?:(?P<dot>\d{1,2})\.(?=\s)|\((?P<paren>\d{1,2}|[a-z]|[ivx]{1,5})\)(?=\s|\S)|"
    r"[（(](?P<cn>[一二三四五六七八九十]{1,3})[)）])"
)


@dataclass(frozen=True)
class ArticleHeading:
    """A recognised heading: `number` is arabic (`"5"`), `end` is where the heading ends in the line."""

    number: str
    end: int
    text: str


def article_number(token: str) -> str | None:
    """Normalise an article number token (`5`, `IV`, `v`, `十一`) to an arabic string."""
    if token.isascii() and token.isdigit():
        return str(int(token)) if int(token) > 0 else None
    value = roman_to_int(token)
    if value is None:
        value = chinese_to_int(token)
    return str(value) if value else None


def parse_heading(line: str) -> ArticleHeading | None:
    """Recognise an article heading at the start of `line` (leading whitespace allowed)."""
    stripped = line.lstrip()
    lead = len(line) - len(stripped)
    m = _ZH_HEADING.match(stripped)
    if m:
        number = article_number(m.group("num"))
        return ArticleHeading(number, lead + m.end(), m.group("head")) if number else None
    m = _EN_HEADING.match(stripped)
    if not m:
        return None
    number = article_number(m.group("num"))
    if number is None:
        return None
    rest = stripped[m.end() :].strip()
    # "Article 51 of the Charter ..." is a reference, not a heading: a heading stands alone
    # on its line or is followed by a capitalised sentence.
    if rest and not (rest[0].isupper() or rest[0] in '("“'):
        return None
    return ArticleHeading(number, lead + m.end(), m.group("head"))


def paragraph_marker(text: str) -> str | None:
    """The marker of a numbered paragraph (`1.` → "1", `(a)` → "a", `(一)` → "1"), else None."""
    m = _PARAGRAPH_MARKER.match(text.lstrip())
    if not m:
        return None
    if m.group("dot"):
        return m.group("dot")
    if m.group("paren"):
        return m.group("paren")
    value = chinese_to_int(m.group("cn"))
    return str(value) if value else None
