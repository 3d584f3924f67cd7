"""Parse table-of-contents lines and chapter headings (zh 目录 and en Contents), and align them.

`parse_toc_line` reads one logical line ("第一节 问题的提出 .....\t1", "Chapter 1\tIntroduction.....\t1")
into a `TocLine` with the spans of its label, title and page; `parse_heading` reads a body
heading ("第一章 导论").  `align_toc` pairs zh and en entries by (level, chapter, number).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from foedus.ingest.book_lexicon import backmatter_key
from foedus.numerals import chinese_to_int

_ZH_NUM = "零〇一二两三四五六七八九十百"

# title, then an optional leader of dots/ellipses, then the page number at the end of the line
_TOC_TAIL = re.compile(r"^(?P<entry>.*?)[\s.…·]*?(?P<leader>[.…·]{2,})?\s*(?P<page>\d{1,4})\s*$", re.S)
_ZH_UNIT = re.compile(rf"^第(?P<n>[{_ZH_NUM}\d]+)(?P<unit>[章节])\s*(?P<title>.*)$", re.S)
_ZH_APPENDIX = re.compile(rf"^附录(?P<n>[{_ZH_NUM}\d]+)\s*[：:]?\s*(?P<title>.*)$", re.S)
_EN_CHAPTER = re.compile(r"^Chapter\s+(?P<n>\d+)\s*[:.]?\s*(?P<title>.*)$", re.S | re.I)
_EN_APPENDIX = re.compile(r"^Appendix\s+(?P<n>\d+)\s*[:.]?\s*(?P<title>.*)$", re.S | re.I)
_EN_SECTION = re.compile(r"^(?:§\s*)?(?P<n>\d+)(?:\.(?P<sub>\d+))?\s+(?P<title>\S.*)$", re.S)
_CJK = re.compile(r"[\u3400-\u9fff]")


def zh_numeral(text: str) -> int | None:
    """'六' -> 6, '十二' -> 12, '二十一' -> 21, '12' -> 12; None if not a numeral below 1000."""
    value = chinese_to_int(text)
    return value if value is not None and value < 1000 else None


@dataclass
class TocLine:
    """One parsed entry: spans are (start, end) into the line it was parsed from."""

    lang: str
    level: str  # chapter | section | appendix | backmatter | other
    number: str | None
    title: str
    page: int | None
    entry_span: tuple[int, int]
    label_span: tuple[int, int] | None
    title_span: tuple[int, int]
    page_span: tuple[int, int] | None
    key: str | None = None  # back-matter key: references, postscript...
    chapter: str | None = None  # for sections: the enclosing chapter's number
    attributes: dict[str, str] = field(default_factory=dict)


def _lang_of(text: str) -> str:
    return "zh" if _CJK.search(text) else "en"


def parse_entry(text: str, offset: int = 0) -> TocLine:
    """Classify an entry text (without its page): label, title, level.  Spans are shifted by `offset`."""
    lang = _lang_of(text)
    end = offset + len(text)
    for pattern, level in (
        (_ZH_UNIT, None),
        (_ZH_APPENDIX, "appendix"),
        (_EN_CHAPTER, "chapter"),
        (_EN_APPENDIX, "appendix"),
        (_EN_SECTION, "section"),
    ):
        m = pattern.match(text)
        if not m:
            continue
        if level is None:
            level = "chapter" if m.group("unit") == "章" else "section"
        n = zh_numeral(m.group("n"))
        if n is None:
            continue
        title = m.group("title").strip()
        t_start = offset + m.start("title") + (len(m.group("title")) - len(m.group("title").lstrip()))
        label_end = offset + m.end("n") + (1 if pattern is _ZH_UNIT else 0)
        return TocLine(
            lang=lang,
            level=level,
            number=str(n),
            title=title,
            page=None,
            entry_span=(offset, end),
            label_span=(offset, label_end),
            title_span=(t_start, t_start + len(title)),
            page_span=None,
        )
    stripped = text.strip()
    key = backmatter_key(stripped, lang)
    lead = len(text) - len(text.lstrip())
    return TocLine(
        lang=lang,
        level="backmatter" if key else "other",
        number=None,
        title=stripped,
        page=None,
        entry_span=(offset, end),
        label_span=None,
        title_span=(offset + lead, offset + lead + len(stripped)),
        page_span=None,
        key=key,
    )


def parse_toc_line(line: str) -> TocLine | None:
    """Parse one table-of-contents line; None when it has no page number at its end."""
    m = _TOC_TAIL.match(line)
    if not m or not m.group("entry").strip():
        return None
    entry = m.group("entry").rstrip(" \t.…·")
    parsed = parse_entry(entry, 0)
    parsed.page = int(m.group("page"))
    parsed.page_span = (m.start("page"), m.end("page"))
    return parsed


def parse_heading(text: str) -> TocLine:
    """Parse a body heading such as '第一章 导论' or '第一节 问题的提出' (no page)."""
    return parse_entry(text, 0)


def assign_chapters(entries: list[TocLine]) -> None:
    """Give each section the number of the chapter entry above it."""
    chapter = None
    for e in entries:
        if e.level == "chapter":
            chapter = e.number
            e.chapter = e.number
        elif e.level == "section":
            e.chapter = chapter
        else:
            chapter = None if e.level in ("appendix", "backmatter") else chapter


def entry_key(e: TocLine) -> tuple[str, str | None, str | None]:
    """What makes a zh entry and an en entry the same unit of the book."""
    if e.level == "backmatter":
        return ("backmatter", e.key, None)
    if e.level == "section":
        return ("section", e.chapter, e.number)
    return (e.level, e.number, None)


def entry_id(lang: str, e: TocLine) -> str:
    """Stable id: toc-zh-ch2-s3, toc-en-appendix4, toc-zh-references."""
    if e.level == "chapter":
        tail = f"ch{e.number}"
    elif e.level == "section":
        tail = f"ch{e.chapter}-s{e.number}"
    elif e.level == "appendix":
        tail = f"appendix{e.number}"
    elif e.level == "backmatter":
        tail = str(e.key)
    else:
        tail = "other"
    return f"toc-{lang}-{tail}"


def align_toc(zh: list[TocLine], en: list[TocLine]) -> list[tuple[int, int]]:
    """Index pairs (i, j) of zh and en entries with the same key; 'other' entries are never aligned."""
    en_index: dict[tuple[str, str | None, str | None], int] = {}
    for j, e in enumerate(en):
        if e.level != "other":
            en_index.setdefault(entry_key(e), j)
    pairs = []
    for i, z in enumerate(zh):
        j = en_index.get(entry_key(z)) if z.level != "other" else None
        if j is not None:
            pairs.append((i, j))
    return pairs
