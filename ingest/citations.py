"""Parse a footnote's bibliographic reference into a citation dict.

Handles the shapes found in Chinese scholarly books: English book references
("Author. *Title*. Place: Publisher, 1964, p.807."), Chinese ones
("《国际条约集（1948—1949）》，北京：世界知识出版社，1959年，第191—195页。") and archival
references ("NSC48 (12345), Documents of the NSC, 1947—1977, MF2521237, HKU Main Library.").
`parse_citation` never raises: what it cannot recognise it leaves out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

_DASH = r"[-–—~～－]+"
_EN_PAGES = re.compile(rf"\bpp?\.\s*(?P<a>\d+)(?:\s*{_DASH}\s*(?P<b>\d+))?")
_ZH_PAGES = re.compile(rf"第\s*(?P<a>\d+)(?:\s*{_DASH}\s*(?P<b>\d+))?\s*页")
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_YEAR_RANGE = re.compile(rf"(?<!\d)(1[5-9]\d\d|20\d\d)\s*{_DASH}\s*(1[5-9]\d\d|20\d\d)(?!\d)")
_CJK = re.compile(r"[\u3400-\u9fff]")
_ZH_TITLE = re.compile(r"《(?P<title>[^》]+)》")
_QUOTED = re.compile(r"[“\"](?P<title>[^”\"]+)[”\"]")
_NSC = re.compile(r"^\s*NSC\s*-?\s*(?P<n>\d+(?:/\d+)?)(?:\s*\((?P<doc>[^)]*)\))?")
_IDENTIFIER = re.compile(r"^[A-Z]{1,4}\d{4,}$")
_REPOSITORY = re.compile(r"Library|Archives?|Museum|Record Office|档案馆|图书馆")
_PUBLISHER_WORDS = re.compile(r"Press|Publish|Company|Inc\b|Books|Verlag|Editions|出版社|书局|书店")
_FILE_FORMAT = re.compile(r"[.\s]+(?P<fmt>tiff?|pdf|jpe?g)\.?\s*$", re.I)
_SLUG_DROP = re.compile(r"[^0-9a-z\u3400-\u9fff]+")


def parse_pages(text: str) -> str | None:
    """'p.807' -> '807', 'pp.327—328' -> '327-328', '第191—195页' -> '191-195'."""
    m = _EN_PAGES.search(text) or _ZH_PAGES.search(text)
    if not m:
        return None
    return f"{m.group('a')}-{m.group('b')}" if m.group("b") else m.group("a")


def slug(*parts: str | None) -> str:
    """Lower-case, Han characters kept, everything else between words becomes one hyphen."""
    joined = " ".join(p for p in parts if p)
    return _SLUG_DROP.sub("-", joined.casefold()).strip("-")


def source_id(citation: dict[str, Any]) -> str:
    """A stable id of the cited source: the same work cited twice gets the same id (pages ignored)."""
    if citation.get("type") == "archival":
        return slug(citation.get("nsc_number") or citation.get("collection"), citation.get("identifier"))
    first = (citation.get("authors") or [""])[0]
    family = first.split()[-1] if first and not _CJK.search(first) else first
    return slug(family, citation.get("year"), citation.get("title"))


def _split_title(title: str) -> tuple[str, str | None, str | None]:
    """Title, subtitle (after ':'), series (after ';')."""
    series = None
    if ";" in title:
        title, series = (p.strip() for p in title.split(";", 1))
    subtitle = None
    if ":" in title:
        title, subtitle = (p.strip() for p in title.split(":", 1))
    return title, subtitle, series


def _imprint(rest: str, into: dict[str, Any]) -> None:
    """'New York: Oxford University Press, 1987' -> place, publisher, year."""
    years = list(_YEAR.finditer(rest))
    if years:
        into["year"] = years[-1].group(1)
        rest = rest[: years[-1].start()]
    rest = rest.strip(" ,.;，。")
    if not rest:
        return
    if ":" in rest or "：" in rest:
        place, publisher = re.split(r"[:：]", rest, maxsplit=1)
        into["place"] = place.strip(" ,，")
        into["publisher"] = publisher.strip(" ,，")
    elif _PUBLISHER_WORDS.search(rest):
        into["publisher"] = rest
    else:
        into["place"] = rest


def _authors(text: str) -> list[str]:
    text = text.strip(" .,;:，：")
    if not text:
        return []
    return [a.strip() for a in re.split(r",\s*|\s+and\s+|\s*&\s*|、", text) if a.strip()]


def _archival(text: str, nsc: re.Match[str] | None) -> dict[str, Any]:
    c: dict[str, Any] = {"type": "archival", "language": "en"}
    fmt = _FILE_FORMAT.search(text)
    if fmt:
        c["file_format"] = fmt.group("fmt").lower()
        text = text[: fmt.start()]
    parts = [p.strip(" .") for p in text.split(",")]
    if nsc:
        c["nsc_number"] = f"NSC {nsc.group('n')}"
        if nsc.group("doc"):
            c["document_number"] = nsc.group("doc").strip()
        parts = parts[1:]
    collection: list[str] = []
    for p in parts:
        if _IDENTIFIER.match(p):
            c["identifier"] = p
        elif _REPOSITORY.search(p):
            c["repository"] = p
        elif p and "identifier" not in c:
            collection.append(p)
    if collection:
        c["collection"] = ", ".join(collection)
    span = _YEAR_RANGE.search(c.get("collection", ""))
    if span:
        c["dates"] = f"{span.group(1)}-{span.group(2)}"
    return c


def _zh(text: str, title: re.Match[str]) -> dict[str, Any]:
    c: dict[str, Any] = {"type": "book", "language": "zh", "title": title.group("title").strip()}
    if "条约集" in c["title"]:
        c["type"] = "treaty-collection"
    authors = _authors(re.sub(r"(主?编|著|等)\s*[:：，,]?\s*$", "", text[: title.start()]))
    if authors:
        c["authors"] = authors
    rest = _ZH_PAGES.sub("", text[title.end() :])
    issue = re.search(r"(\d{4})\s*年\s*第\s*(\d+)\s*期", rest)
    if issue:
        c.update(type="article", year=issue.group(1), issue=issue.group(2))
        journal = _ZH_TITLE.search(rest)
        if journal:
            c["container"] = journal.group("title")
        return c
    rest = re.sub(r"(\d{4})\s*年(?:\s*\d+\s*月)?(?:版)?", r"\1", rest)
    _imprint(rest, c)
    return c


def _en(text: str, emphasis: Sequence[tuple[int, int]]) -> dict[str, Any]:
    c: dict[str, Any] = {"type": "book", "language": "en"}
    quoted = _QUOTED.search(text)
    if emphasis:
        a, b = emphasis[0]
    elif quoted:
        a, b = quoted.start("title"), quoted.end("title")
    else:
        pieces = re.split(r"(?<=[a-z\)])\.\s+", text, maxsplit=2)
        if len(pieces) < 2:
            c["title"] = text.strip(" .")
            return c
        a = len(pieces[0]) + text[len(pieces[0]) :].index(pieces[1])
        b = a + len(pieces[1])
    title, subtitle, series = _split_title(text[a:b].strip())
    c["title"] = title
    if subtitle:
        c["subtitle"] = subtitle
    if series:
        c["series"] = series
    authors = _authors(text[:a].strip(' “"'))
    if authors:
        c["authors"] = authors
    rest = text[b:].lstrip('”"')
    if quoted and not emphasis or (quoted and emphasis and emphasis[0][0] > quoted.end()):
        c["type"] = "article"
    if c["type"] == "article" and emphasis:
        ea, eb = emphasis[0]
        c["container"] = text[ea:eb].strip()
        rest = text[eb:]
    _imprint(_EN_PAGES.sub("", rest), c)
    return c


def parse_citation(text: str, emphasis: Sequence[tuple[int, int]] = ()) -> dict[str, Any]:
    """Parse one footnote body; `emphasis` holds the (start, end) spans that were italic in the source."""
    text = text.strip()
    nsc = _NSC.match(text)
    if nsc or (_REPOSITORY.search(text) and not _ZH_TITLE.search(text)):
        c = _archival(text, nsc)
    else:
        zh_title = _ZH_TITLE.search(text)
        if zh_title:
            c = _zh(text, zh_title)
        else:
            c = _en(text, [e for e in emphasis if 0 <= e[0] < e[1] <= len(text)])
    pages = parse_pages(text)
    if pages:
        c["pages"] = pages
    c["raw"] = text
    c["source_id"] = source_id(c)
    return c
