"""The book ingester on the real seed (Xiao Bin 2012) and on small synthetic conversions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from foedus.corpus.catalogue import CatalogueEntry, checked_path
from foedus.errors import IngestError
from foedus.ingest import ingest as ingest_any
from foedus.ingest.bibliographic import ISBNError, parse_bibliographic, split_names, validate_isbn13
from foedus.ingest.book import ingest
from foedus.ingest.decode import read_text
from foedus.model import Document

BOOK_ID = "xiao-2012-balance-of-threat"


@pytest.fixture(scope="module")
def seed(corpus_root, catalogue) -> tuple[Document, str]:
    entry = catalogue.get(BOOK_ID)
    path = checked_path(corpus_root, entry)
    return ingest_any(path, entry), read_text(path)


@pytest.fixture(scope="module")
def doc(seed) -> Document:
    return seed[0]


def _entry(tmp: Path) -> CatalogueEntry:
    return CatalogueEntry(
        id="synthetic-book", kind="book", format="book-text", path=tmp.name, languages=["zh", "en"], title={}
    )


def _ingest_text(tmp_path: Path, text: str) -> Document:
    path = tmp_path / "book.txt"
    path.write_text(text, encoding="utf-8")
    return ingest(path, _entry(path))


# -- identity and metadata ---------------------------------------------------------------------


def test_document_identity_and_catalogue_metadata(doc, catalogue):
    entry = catalogue.get(BOOK_ID)
    assert doc.id == BOOK_ID and doc.kind == "book"
    assert doc.metadata["title"] == entry.title
    assert doc.metadata["languages"] == ["zh", "en"]
    assert doc.metadata["completeness"] == "partial"
    assert doc.metadata["licence"] == entry.provenance["licence"]


def test_bibliographic_record(doc):
    b = doc.metadata["bibliographic"]
    assert b["errors"] == []
    assert b["isbn"] == "9787510049187" and b["isbn_formatted"] == "978-7-5100-4918-7"
    assert b["title"] == {"zh": "制衡威胁", "en": "Balance of Threat"}
    assert b["subtitle"] == {
        "zh": "大国联盟战略的决策行为",
        "en": "How Great Powers Choose the Alliances Strategy",
    }
    assert b["authors"] == [{"name_zh": "肖斌", "role": "著"}]
    assert (b["publisher"], b["place"], b["date"]) == ("世界图书出版广东有限公司", "广州", "2012-06")
    assert b["edition"] == {"number": "1", "date": "2012-06"}
    assert b["printing"] == {"number": "2", "date": "2013-08"}
    assert b["cip_number"] == "2012-146323"
    assert b["classification"]["code"] == "D815.5"
    assert b["subject_headings"] == ["国家安全—研究—世界"]
    assert b["extent"] == {"words_thousand": 207, "format": "880 mm × 1230 mm 1/32", "printed_sheets": 8.75}
    assert b["price"] == "30.00 CNY"
    assert b["project"]["title"] == "大国联盟战略决策的研究"
    assert [e["name_zh"] for e in b["editors"]] == ["刘正武", "程静", "张东文"]
    assert b["printer"] == "广东天鑫源印刷有限责任公司"


def test_isbn_check_digit_valid_and_invalid():
    assert validate_isbn13("978-7-5100-4918-7") == "9787510049187"
    with pytest.raises(ISBNError, match="check digit is 8, expected 7"):
        validate_isbn13("978-7-5100-4918-8")
    with pytest.raises(ISBNError, match="13 digits"):
        validate_isbn13("978-7-5100-4918")


def test_invalid_isbn_is_recorded_not_accepted():
    rec = parse_bibliographic("ISBN 978-7-5100-4918-8", "", "")
    assert "isbn" not in rec and rec["isbn_invalid"] == "9787510049188"
    assert any("check digit" in e for e in rec["errors"])


def test_letter_spaced_names_are_rejoined():
    assert split_names("程 静 张东文") == ["程静", "张东文"]
    assert split_names("刘正武") == ["刘正武"]


# -- canonical text and offsets ----------------------------------------------------------------


def test_no_markup_left(doc):
    for markup in ("<sup>", "</sup>", "<b>", "</b>", "](mailto:", "<http", "**", "*", ".....", "\t"):
        assert markup not in doc.text, markup
    assert not re.search(r"(?m)^#", doc.text)


def test_every_character_maps_back_to_the_source(seed):
    doc, source = seed
    for i, ch in enumerate(doc.text):
        orig = source[doc.original_offset(i)]
        assert orig == ch or (orig.isspace() and ch.isspace()), (i, ch, orig)


def test_offset_map_is_sorted(doc):
    keys = [c for c, _ in doc.offset_map]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)


# -- page breaks -------------------------------------------------------------------------------


def test_paragraphs_rejoined_across_page_breaks(doc):
    assert "双边联盟获得的安全收益没有多边联盟高" in doc.text
    assert "不过，美国虽然支持" in doc.text
    assert "在某种程度上符合联合国宪章的规定" in doc.text
    assert "美国应结合其海、空军事优势" in doc.text
    assert "while multilateral alliance means aligning" in doc.text
    assert "the Asia-Pacific. According" in doc.text


def test_page_numbers_in_chapter_one(doc):
    pages = {b.page: b.offset for b in doc.page_breaks if b.page is not None}
    assert sorted(pages) == [1, 2, 3, 4]
    assert doc.text.startswith("第一章 导论", pages[1])
    assert doc.text.startswith("过，美国虽然支持", pages[2])
    assert doc.page_at(doc.text.index("不过，美国")) == 1
    assert doc.page_at(doc.text.index("符合联合国宪章的规定")) == 3
    assert doc.page_at(doc.text.index("合其海、空军事优势")) == 4


def test_front_matter_page_breaks_have_no_number(doc):
    front = doc.node("front")
    inside = [b for b in doc.page_breaks if b.offset < front.end]
    assert inside and all(b.page is None for b in inside)
    # the preface's own page break falls where the zh paragraph was cut
    assert any(doc.text.startswith("边联盟高", b.offset) for b in inside)


# -- footnotes ---------------------------------------------------------------------------------


def test_every_anchor_linked_to_its_body(seed):
    doc, source = seed
    body_anchors = len(re.findall(r"(?<!^)<sup>", source, flags=re.M))
    assert len(doc.footnotes) == body_anchors == 7
    assert len({f.id for f in doc.footnotes}) == 7
    assert len({f.anchor for f in doc.footnotes}) == 7
    assert not [w for w in doc.warnings if "anchor" in w or "footnote" in w]
    for f in doc.footnotes:
        assert doc.text[f.start : f.end] == f.text
        assert f.page == int(f.id.split("-")[1][1:])


def test_footnote_anchor_positions(doc):
    by_id = {f.id: f for f in doc.footnotes}
    assert doc.text[: by_id["fn-p1-1"].anchor].endswith("“门罗主义多边化”的体现，")
    assert by_id["fn-p1-1"].citation["authors"] == ["Thomas Bailey"]
    assert doc.text[: by_id["fn-p3-1"].anchor].endswith("军事与政治对抗的冷战职能。")
    assert by_id["fn-p3-1"].citation["type"] == "treaty-collection"
    assert by_id["fn-p4-2"].citation["nsc_number"] == "NSC 48"
    # markers restart on every page: ① of page 1 and ① of page 2 are different notes
    assert by_id["fn-p1-1"].citation["source_id"] != by_id["fn-p2-1"].citation["source_id"]


def test_footnotes_live_in_the_notes_area(doc):
    notes = doc.node("notes")
    assert all(notes.start <= f.start < f.end <= notes.end for f in doc.footnotes)
    assert doc.page_at(notes.start) is None


# -- structure ---------------------------------------------------------------------------------


def test_structure_ids_unique_and_nested(doc):
    ids = [n.id for n in doc.structure]
    assert len(ids) == len(set(ids))
    for n in doc.structure:
        assert 0 <= n.start <= n.end <= len(doc.text)
        if n.parent:
            parent = doc.node(n.parent)
            assert parent is not None and parent.start <= n.start and n.end <= parent.end, n.id


def test_front_matter_parts(doc):
    types = {n.id: n.type for n in doc.structure}
    assert types["cip"] == "cip" and types["colophon"] == "colophon"
    assert doc.text[doc.node("cip").start :].startswith("图书在版编目")
    assert "第 146323 号" in doc.text[doc.node("cip").start : doc.node("cip").end]
    assert "责任编辑" in doc.text[doc.node("colophon").start : doc.node("colophon").end]
    assert doc.node("preface-zh").lang == "zh" and doc.node("preface-en").lang == "en"


def test_paragraphs_have_languages(doc):
    paras = doc.nodes("paragraph")
    assert len([p for p in paras if p.parent == "preface-zh"]) == 2
    assert len([p for p in paras if p.parent == "preface-en"]) == 5
    assert len([p for p in paras if p.parent == "ch1-s1"]) == 5
    assert all(p.lang == ("en" if p.parent == "preface-en" else "zh") for p in paras)


def test_chapter_and_section_titles_from_both_tocs(doc):
    ch1, s1 = doc.node("ch1"), doc.node("ch1-s1")
    assert (ch1.number, ch1.page, ch1.titles) == ("1", 1, {"zh": "导论", "en": "Introduction"})
    assert (s1.number, s1.page, s1.parent) == ("1", 1, "ch1")
    assert s1.titles == {"zh": "问题的提出", "en": "The Rise of Issue"}


# -- bilingual TOC -----------------------------------------------------------------------------


def test_toc_entries_counted_and_aligned(doc):
    zh = [n for n in doc.nodes("toc-entry") if n.parent == "toc-zh"]
    en = [n for n in doc.nodes("toc-entry") if n.parent == "toc-en"]
    levels = [n.attributes["level"] for n in zh]
    assert levels.count("chapter") == 6 and levels.count("section") == 19
    assert levels.count("appendix") == 6 and levels.count("backmatter") == 2
    assert len(zh) == len(en) == 33
    toc = [a for a in doc.alignments if a.kind == "toc"]
    assert len(toc) == 33
    assert {a.source for a in toc} == {n.id for n in zh} and {a.target for a in toc} == {n.id for n in en}
    for a in toc:
        z, e = doc.node(a.source), doc.node(a.target)
        assert z.page == e.page and z.number == e.number and z.attributes == e.attributes


def test_toc_specific_pairs(doc):
    pairs = {a.source: a.target for a in doc.alignments if a.kind == "toc"}
    assert pairs["toc-zh-ch2-s3"] == "toc-en-ch2-s3"
    assert pairs["toc-zh-references"] == "toc-en-references"
    assert pairs["toc-zh-postscript"] == "toc-en-postscript"
    ch5 = doc.node("toc-en-ch5")
    assert ch5.titles["en"] == "US Alliance Strategies in Post Second World War Asia (1945—1977)"
    assert ch5.page == 147
    assert doc.text[ch5.start : ch5.end].endswith("Asia ( 1945—1977 ) 147")
    assert doc.text[doc.node("toc-zh-ch1-s1").start : doc.node("toc-zh-ch1-s1").end] == "第一节 问题的提出 1"
    assert doc.node("toc-zh-appendix4").titles["en"].startswith("Treaty of Security and Safeguard")


def test_preface_paragraph_alignment_is_partial(doc):
    pairs = [(a.source, a.target) for a in doc.alignments if a.kind == "paragraph"]
    assert ("preface-zh-p2", "preface-en-p2") in pairs  # both state the model's propositions
    assert len(pairs) <= 2  # the case-study and contribution paragraphs have no zh counterpart
    assert all(t not in ("preface-en-p3", "preface-en-p4") for _, t in pairs)


# -- language segments -------------------------------------------------------------------------


def test_segments_cover_the_text(doc):
    segs = doc.segments
    assert segs[0].start == 0 and segs[-1].end == len(doc.text)
    assert all(a.end == b.start and a.lang != b.lang for a, b in zip(segs, segs[1:], strict=False))


@pytest.mark.parametrize(
    "needle, lang",
    [
        ("Balance of Threat:", "en"),
        ("How Great Powers Choose", "en"),
        ("制衡威胁", "zh"),
        ("前言", "zh"),
        ("In today's global anarchy", "en"),
        ("Chapter 5 US Alliance", "en"),
        ("第一节 问题的提出", "zh"),
        ("The Rio Pact", "en"),
        ("NSC48/1", "zh"),
        ("9 787510 049187", "und"),
        ("Thomas Bailey", "en"),
        ("国际条约集", "zh"),
    ],
)
def test_segment_language_at_known_spots(doc, needle, lang):
    i = doc.text.index(needle)
    assert doc.lang_at(i) == lang and doc.lang_at(i + len(needle) - 1) == lang


# -- synthetic edge cases ----------------------------------------------------------------------


def test_soft_hyphen_dropped_when_the_word_is_known(tmp_path):
    doc = _ingest_text(
        tmp_path,
        "## Preface\n\nA multilateral pact binds many. States weigh a multi-\n\n---\n\n"
        "① A note.\n\nlateral pact against a bilateral one.\n",
    )
    assert "States weigh a multilateral pact against" in doc.text
    assert "multi-" not in doc.text


def test_hyphen_kept_in_a_compound(tmp_path):
    doc = _ingest_text(tmp_path, "## Preface\n\nThe power of the Asia-\n\nPacific region grew.\n")
    assert "the Asia-Pacific region grew." in doc.text
    assert [b.offset for b in doc.page_breaks if doc.text.startswith("Pacific", b.offset)]


def test_english_break_between_words_gets_one_space(tmp_path):
    doc = _ingest_text(tmp_path, "## Preface\n\nStates align while\n\nothers hedge.\n")
    assert "States align while others hedge." in doc.text


def test_chinese_break_mid_word_joins_without_space(tmp_path):
    doc = _ingest_text(tmp_path, "# 前 言\n\n双边联盟没有多\n\n边联盟高。\n\n第二段。\n")
    assert "双边联盟没有多边联盟高。" in doc.text
    assert len(doc.nodes("paragraph")) == 2
    assert doc.node("preface-zh").title == "前言"


def test_anchor_linked_on_its_own_page(tmp_path):
    doc = _ingest_text(
        tmp_path,
        "# 第一章 导论\n\n甲<sup>①</sup>乙，丙\n\n---\n\n① 《书》，北京：某出版社，1990年，第1页。\n\n"
        "丁<sup>①</sup>戊。\n\n① 《书》，北京：某出版社，1990年，第2页。\n",
    )
    assert "甲乙，丙丁戊。" in doc.text
    a, b = doc.footnotes
    assert doc.text[a.anchor - 1 : a.anchor + 1] == "甲乙" and doc.text[b.anchor - 1 : b.anchor + 1] == "丁戊"
    assert a.citation["source_id"] == b.citation["source_id"]  # the same book cited twice
    assert (a.citation["pages"], b.citation["pages"]) == ("1", "2")


def test_empty_file_raises_naming_it(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(IngestError, match="empty.txt"):
        ingest(path, _entry(path))


def test_binary_file_raises_naming_it(tmp_path):
    path = tmp_path / "blob.bin"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(IngestError, match="blob.bin"):
        ingest(path, _entry(path))


def test_text_without_headings_is_refused(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("just a line of text\n", encoding="utf-8")
    with pytest.raises(IngestError, match="plain.txt.*headings"):
        ingest(path, _entry(path))
