"""Footnote citation parser, TOC-line parser and ISBN check digit: examples and properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from foedus.ingest.bibliographic import ISBNError, isbn13_check_digit, validate_isbn13
from foedus.ingest.book_mapped import Mapped
from foedus.ingest.book_markup import strip_inline
from foedus.ingest.book_toc import align_toc, assign_chapters, parse_toc_line, zh_numeral
from foedus.ingest.citations import parse_citation, parse_pages

ZH_DIGIT = "一二三四五六七八九"
titles_zh = st.text(alphabet="联盟理论威胁制衡美国亚洲的战略与", min_size=1, max_size=20)
titles_en = st.from_regex(r"[A-Z][a-z]{1,10}( [A-Za-z][a-z]{0,10}){0,6}", fullmatch=True)


def to_zh(n: int) -> str:
    """1..99 in Chinese numerals, as a book's headings write them."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else ZH_DIGIT[tens - 1] + "十")
    return head + (ZH_DIGIT[ones - 1] if ones else "")


def _md(text: str) -> dict:
    """Parse a footnote written in the conversion's Markdown (italic titles)."""
    clean = strip_inline(Mapped(text, tuple(range(len(text)))))
    return parse_citation(clean.text.text, clean.emphasis)


# -- examples from the seed's footnote shapes --------------------------------------------------


def test_english_book_with_place_and_publisher():
    c = _md(
        "John L. Gaddis. *The Long Peace: Inquiries into the History of the Cold War*. "
        "New York: Oxford University Press, 1987, p.74."
    )
    assert c["type"] == "book" and c["language"] == "en"
    assert c["authors"] == ["John L. Gaddis"]
    assert (c["title"], c["subtitle"]) == ("The Long Peace", "Inquiries into the History of the Cold War")
    assert (c["place"], c["publisher"], c["year"], c["pages"]) == (
        "New York",
        "Oxford University Press",
        "1987",
        "74",
    )
    assert c["source_id"] == "gaddis-1987-the-long-peace"


def test_english_book_without_author_and_page_range():
    c = _md(
        "*The Vandenberg Resolution and the North Atlantic Treaty; The Senate Foreign Relations "
        "Committee's Historical Series*, New York and London: Garland Publishing Inc, 1979, pp.327—328."
    )
    assert "authors" not in c
    assert c["series"] == "The Senate Foreign Relations Committee's Historical Series"
    assert (c["place"], c["publisher"], c["pages"]) == (
        "New York and London",
        "Garland Publishing Inc",
        "327-328",
    )


def test_publisher_only_and_place_only():
    a = _md(
        "Thomas Bailey. *A Diplomatic History of the American People*. "
        "Meredith Publishing Company, 1964, p.807."
    )
    assert a["publisher"] == "Meredith Publishing Company" and "place" not in a and a["pages"] == "807"
    b = _md(
        "John Baylis. *The Diplomacy of Pragmatism, Britain and the Formation of NATO (1942—1949)*. "
        "London, 1993."
    )
    assert b["place"] == "London" and "publisher" not in b and b["year"] == "1993"


def test_plain_text_citation_without_italics_finds_the_same_source():
    italic = _md(
        "Thomas Bailey. *A Diplomatic History of the American People*. Meredith Publishing Company, 1964."
    )
    plain = parse_citation(
        "Thomas Bailey. A Diplomatic History of the American People. Meredith Publishing Company, 1964."
    )
    assert plain["title"] == italic["title"] and plain["source_id"] == italic["source_id"]


def test_chinese_treaty_collection():
    c = parse_citation("《国际条约集（1948—1949）》，北京：世界知识出版社，1959年，第191—195页。")
    assert c["type"] == "treaty-collection" and c["language"] == "zh"
    assert (c["title"], c["place"], c["publisher"]) == ("国际条约集（1948—1949）", "北京", "世界知识出版社")
    assert (c["year"], c["pages"]) == ("1959", "191-195")


def test_chinese_article_with_author():
    c = parse_citation("张三：《联盟理论述评》，《国际政治研究》2005年第3期，第12—20页。")
    assert c["type"] == "article" and c["authors"] == ["张三"]
    assert (c["container"], c["year"], c["issue"], c["pages"]) == ("国际政治研究", "2005", "3", "12-20")


def test_archival_nsc_reference():
    c = parse_citation("NSC48 (12345), Documents of the NSC, 1947—1977, MF2521237, HKU Main Library. tif.")
    assert c["type"] == "archival"
    assert (c["nsc_number"], c["identifier"], c["repository"]) == ("NSC 48", "MF2521237", "HKU Main Library")
    assert c["collection"] == "Documents of the NSC, 1947—1977" and c["dates"] == "1947-1977"
    assert c["source_id"] == "nsc-48-mf2521237"


def test_same_source_different_pages_share_an_id():
    a = parse_citation("《国际条约集（1948—1949）》，北京：世界知识出版社，1959年，第191页。")
    b = parse_citation("《国际条约集（1948—1949）》，北京：世界知识出版社，1959年，第20—25页。")
    assert a["source_id"] == b["source_id"] and a["pages"] != b["pages"]


# -- properties --------------------------------------------------------------------------------


@given(st.text(max_size=300))
def test_citation_parser_never_crashes(text):
    c = parse_citation(text)
    assert c["type"] in {"book", "article", "archival", "treaty-collection"}
    assert isinstance(c["source_id"], str)


@given(st.text(max_size=200), st.lists(st.tuples(st.integers(-5, 250), st.integers(-5, 250)), max_size=3))
def test_citation_parser_tolerates_bad_emphasis_spans(text, spans):
    parse_citation(text, spans)


@given(
    st.integers(1, 9999),
    st.integers(0, 999),
    st.sampled_from(["—", "–", "-", "--", "~"]),
    st.sampled_from(["pp.{a}{d}{b}", "pp. {a} {d} {b}", "第{a}{d}{b}页"]),
)
def test_page_ranges_round_trip(a, span, dash, shape):
    b = a + span
    assert parse_pages("Some book, 1990, " + shape.format(a=a, b=b, d=dash)) == f"{a}-{b}"
    assert parse_pages(f"Some book, 1990, p.{a}.") == str(a)


@given(st.integers(1, 99))
def test_zh_numerals_round_trip(n):
    assert zh_numeral(to_zh(n)) == n


@given(st.text(max_size=120))
def test_toc_line_parser_never_crashes(line):
    parsed = parse_toc_line(line)
    if parsed is not None:
        assert parsed.page is not None
        a, b = parsed.page_span
        assert int(line[a:b]) == parsed.page  # the span holds the page number (maybe zero-padded)


@given(st.integers(1, 30), st.integers(1, 20), titles_zh, st.integers(1, 999), st.sampled_from(["章", "节"]))
def test_zh_toc_lines_parse_back(n, _, title, page, unit):
    line = f"第{to_zh(n)}{unit} {title} .....\t{page}"
    parsed = parse_toc_line(line)
    assert parsed is not None
    assert (parsed.number, parsed.page) == (str(n), page)
    assert parsed.level == ("chapter" if unit == "章" else "section")
    assert line[parsed.title_span[0] : parsed.title_span[1]] == title.strip()


@given(
    st.integers(1, 30), titles_en, st.integers(1, 999), st.sampled_from([".....\t", " .....\t", "\t.....\t"])
)
def test_en_toc_lines_parse_back(n, title, page, leader):
    parsed = parse_toc_line(f"Chapter {n}\t{title}{leader}{page}")
    assert parsed is not None
    assert (parsed.level, parsed.number, parsed.title, parsed.page) == ("chapter", str(n), title, page)


def test_toc_alignment_by_chapter_and_section():
    zh = [parse_toc_line(x) for x in ["第一章 导 论 .....\t1", "第一节 问题 .....\t1", "参考文献 .....\t9"]]
    en = [
        parse_toc_line(x) for x in ["Chapter 1\tIntro.....\t1", "1\tIssue .....\t1", "References\t.....\t9"]
    ]
    assign_chapters(zh)
    assign_chapters(en)
    assert align_toc(zh, en) == [(0, 0), (1, 1), (2, 2)]
    assert zh[1].chapter == en[1].chapter == "1"


@given(st.text(alphabet="0123456789", min_size=12, max_size=12), st.integers(0, 9))
def test_isbn_check_digit_property(first12, other):
    check = isbn13_check_digit(first12)
    isbn = "978" + first12[3:]
    good = isbn + isbn13_check_digit(isbn)
    assert validate_isbn13(good) == good
    if str(other) != good[-1]:
        with pytest.raises(ISBNError):
            validate_isbn13(good[:-1] + str(other))
    assert len(check) == 1
