"""Treaty texts from the real corpus: articles, preamble, final clauses, segments, zh↔en alignment."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from foedus.corpus.catalogue import checked_path
from foedus.errors import IngestError
from foedus.ingest import ingest
from foedus.ingest.align import align_articles
from foedus.ingest.treaty_articles import paragraph_marker, parse_heading
from foedus.numerals import chinese_to_int, int_to_chinese, int_to_roman, roman_to_int

REQUIRED_METADATA = {
    "title",
    "languages",
    "date",
    "parties",
    "party_names",
    "work",
    "place",
    "source",
    "licence",
    "completeness",
    "note",
    "segments",
    "articles_present",
    "articles_missing",
}


@pytest.fixture(scope="module")
def treaties(corpus_root, catalogue):
    docs = {}
    for entry in catalogue.entries:
        if entry.format == "treaty-text":
            docs[entry.id] = ingest(checked_path(corpus_root, entry), entry)
    return docs


def text_of(doc, node_id):
    node = doc.node(node_id)
    assert node is not None, f"{doc.id} has no node {node_id}"
    return doc.text[node.start : node.end]


def test_every_treaty_ingests_with_consistent_structure(treaties, catalogue):
    assert len(treaties) >= 20
    for doc_id, doc in treaties.items():
        entry = catalogue.get(doc_id)
        assert doc.id == entry.id and doc.kind == entry.kind
        assert REQUIRED_METADATA <= set(doc.metadata), doc_id
        assert doc.metadata["parties"] == entry.parties
        ids = [n.id for n in doc.structure]
        assert len(ids) == len(set(ids)), f"{doc_id}: duplicate node ids"
        for node in doc.structure:
            assert 0 <= node.start <= node.end <= len(doc.text)
            assert node.parent is None or doc.node(node.parent) is not None
        present, missing = doc.metadata["articles_present"], doc.metadata["articles_missing"]
        assert present == sorted(present, key=int)
        assert not set(present) & set(missing)
        expected = {str(i) for i in range(1, (entry.articles_expected or 0) + 1)}
        assert set(missing) == expected - set(present)


def test_nato_en_has_all_articles_and_numbered_paragraphs(treaties):
    doc = treaties["nato-1949.en"]
    assert doc.metadata["articles_present"] == [str(i) for i in range(1, 15)]
    assert doc.metadata["articles_missing"] == []
    assert text_of(doc, "title") == "NORTH ATLANTIC TREATY"
    assert text_of(doc, "preamble").startswith("The Parties to this Treaty reaffirm")
    art5 = text_of(doc, "art-5")
    assert art5.startswith("Article 5") and "armed attack against one or more of them" in art5
    assert "Article 6" not in art5
    assert [n.number for n in doc.structure if n.parent == "art-6" and n.number] == ["i", "ii"]
    assert "Done at Washington" in text_of(doc, "final-clauses")
    assert {s.lang for s in doc.segments} == {"en"}


def test_seato_parts_never_cross_a_segment_gap(treaties):
    doc = treaties["seato-1954.en"]
    segments = doc.metadata["segments"]
    assert len(segments) == 5
    assert doc.metadata["articles_present"] == ["5", "6", "7", "8", "9"]
    for node in doc.structure:
        inside = [s for s in segments if s["start"] <= node.start and node.end <= s["end"] + 1]
        assert inside, f"{node.id} [{node.start},{node.end}) crosses a segment boundary"
    assert [n.number for n in doc.structure if n.parent == "art-9"] == ["1", "2", "3"]
    assert text_of(doc, "understanding").startswith("Understanding of the United States of America")
    assert "JOHN FOSTER DULLES" in text_of(doc, "signatures")
    assert text_of(doc, "protocol").startswith("Protocol to the Manila Pact")
    assert doc.node("protocol").attributes.get("gap_before") is True
    assert doc.node("art-5").attributes.get("gap_before") is True


def test_segments_stated_only_in_the_note_are_used(treaties):
    rio = treaties["rio-1947.en"]
    assert [(s["start"], s["end"]) for s in rio.metadata["segments"]] == [(0, 1296), (1298, len(rio.text))]
    assert rio.node("preamble").end <= 1296
    assert text_of(rio, "understanding").startswith("RESERVATION OF HONDURAS")
    roc = treaties["us-roc-1954.en"]
    assert roc.metadata["articles_present"] == ["1", "9", "10"]
    assert roc.node("art-1").end <= 1528 < roc.node("art-9").start


def test_headingless_text_gets_inferred_articles(treaties):
    doc = treaties["us-rok-1953.en"]
    arts = doc.nodes("article")
    assert [a.number for a in arts] == ["1", "2", "3", "4", "5", "6"]
    assert all(a.attributes.get("inferred") is True for a in arts)
    assert text_of(doc, "art-1").startswith("The Parties undertake to settle")
    assert text_of(doc, "art-6") == "This Treaty shall remain in force indefinitely."
    assert doc.metadata["articles_inferred"] is True


def test_anzus_draft_articles_start_where_the_manifest_says(treaties, corpus_root):
    doc = treaties["anzus-1951-draft-1951-07-12.en"]
    assert doc.kind == "draft"
    manifest = json.loads((corpus_root / "corpus/treaties/MANIFEST.json").read_text(encoding="utf-8"))
    record = next(r for r in manifest if r["file"] == "en/anzus-1951-draft-1951-07-12.txt")
    for roman, offset in record["article_offsets"].items():
        assert doc.node(f"art-{roman_to_int(roman)}").start == offset
    assert text_of(doc, "final-clauses").startswith("IN WITNESS WHEREOF")


def test_chinese_treaties(treaties):
    doc = treaties["sino-soviet-1950.zh"]
    assert doc.metadata["articles_present"] == ["1", "2"]
    assert text_of(doc, "dateline") == "(一九五○年二月十四日)"
    # heading and body on one line: the article paragraph starts after "第一条 "
    para = next(n for n in doc.structure if n.parent == "art-1")
    assert doc.text[para.start : para.end].startswith("缔约国双方保证")
    roc = treaties["us-roc-1954.zh"]
    assert roc.metadata["articles_present"] == ["1", "2", "3", "4", "5"]
    assert text_of(roc, "preamble").startswith("本条约缔约国")
    for doc in treaties.values():
        if doc.metadata["languages"] == ["zh"]:
            assert {s.lang for s in doc.segments} == {"zh"}, doc.id


def test_align_nato_en_zh(treaties):
    en, zh = treaties["nato-1949.en"], treaties["nato-1949.zh"]
    pairs = align_articles(en, zh)
    articles = [(a.source, a.target) for a in pairs if a.kind == "article"]
    assert articles == [("preamble", "preamble")] + [(f"art-{i}", f"art-{i}") for i in range(1, 6)]
    for a in pairs:
        assert a.target_document == zh.id
        assert en.node(a.source) is not None and zh.node(a.target) is not None
    with pytest.raises(IngestError, match="cannot align"):
        align_articles(en, treaties["seato-1954.zh"])


def test_article_text_is_not_invented(treaties):
    """Every article node's text is a verbatim slice of the file (nothing added)."""
    for doc in treaties.values():
        for node in doc.nodes("article"):
            assert doc.text[node.start : node.end].strip()
        assert sum(len(doc.text[n.start : n.end]) for n in doc.nodes("article")) <= len(doc.text)


def test_entry_kind_and_id_come_from_the_catalogue(corpus_root, catalogue):
    entry = replace(catalogue.get("nato-1949.en"), id="nato-copy", kind="draft")
    doc = ingest(checked_path(corpus_root, entry), entry)
    assert (doc.id, doc.kind) == ("nato-copy", "draft")


@pytest.mark.parametrize(
    "line,number",
    [
        ("Article 5", "5"),
        ("ARTICLE IV", "4"),
        ("Article V.", "5"),
        ("Art. 5", "5"),
        ("第五条", "5"),
        ("第十一条", "11"),
        ("ARTICLE XIV", "14"),
        ("Article 5. The Parties agree", "5"),
    ],
)
def test_heading_forms(line, number):
    heading = parse_heading(line)
    assert heading is not None and heading.number == number


@pytest.mark.parametrize(
    "line", ["Article 51 of the Charter", "ARTICLE MIX", "第 7.9条", "Articles of war", ""]
)
def test_not_headings(line):
    assert parse_heading(line) is None


@pytest.mark.parametrize(
    "text,marker", [("1. This", "1"), ("(a) the", "a"), ("(ii) on", "ii"), ("(一)各", "1")]
)
def test_paragraph_markers(text, marker):
    assert paragraph_marker(text) == marker


@given(st.integers(min_value=1, max_value=3999))
def test_roman_round_trip(n):
    assert roman_to_int(int_to_roman(n)) == n
    assert roman_to_int(int_to_roman(n).lower()) == n
    if n < 400:  # headings use I..CCCXCIX; "MIX" and the like stay words
        assert parse_heading(f"ARTICLE {int_to_roman(n)}").number == str(n)


@given(st.integers(min_value=1, max_value=99))
def test_chinese_numeral_round_trip(n):
    numeral = int_to_chinese(n)
    assert chinese_to_int(numeral) == n
    assert parse_heading(f"第{numeral}条").number == str(n)
