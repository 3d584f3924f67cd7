"""FRUS document extracts and milestones essays (real TEI files), plus small synthetic edge cases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from foedus.corpus.catalogue import CatalogueEntry, checked_path
from foedus.errors import IngestError
from foedus.ingest import ingest


@pytest.fixture(scope="module")
def tei_docs(corpus_root, catalogue):
    return {e.id: ingest(checked_path(corpus_root, e), e) for e in catalogue.entries if e.format == "tei"}


def own_entry(path: Path, doc_id: str = "tei-test") -> CatalogueEntry:
    return CatalogueEntry(
        id=doc_id, kind="archival", format="tei", path=str(path), languages=["en"], title={}
    )


def test_every_tei_file_ingests(tei_docs):
    assert len(tei_docs) == 14
    for doc_id, doc in tei_docs.items():
        assert doc.id == doc_id
        assert "\n\n\n" not in doc.text and "  " not in doc.text
        ids = [n.id for n in doc.structure]
        assert len(ids) == len(set(ids)), doc_id
        for fn in doc.footnotes:
            assert doc.text[fn.start : fn.end] == fn.text
            assert fn.anchor < fn.start, "anchors stand in the body, bodies in the notes area"


def test_frus_metadata_and_title(tei_docs):
    doc = tei_docs["frus1952-54v12p2-d371"]
    frus = doc.metadata["frus"]
    assert frus["volume"] == "frus1952-54v12p2" and frus["document"] == "371"
    assert frus["subtype"] == "historical-document"
    assert frus["url"] == "https://history.state.gov/historicaldocuments/frus1952-54v12p2/d371"
    title = doc.metadata["document_title"]
    assert title.startswith("Memorandum by the Assistant Secretary") and not title.startswith("No.")
    assert doc.metadata["date"] == "1954-08-10" and doc.metadata["date_min"] == "1954-08-10"
    assert doc.metadata["dateline_place"] == "Washington"
    assert doc.metadata["source_note"] == "796.5 MSP/8–1054"
    assert doc.node("source-note") is not None and doc.node("dateline") is not None
    manila = tei_docs["frus1952-54v12p2-d369"]
    assert manila.metadata["dateline_place"] == "Manila"


def test_reused_note_points_at_the_original_body(tei_docs):
    doc = tei_docs["frus1952-54v12p2-d371"]
    assert [f.marker for f in doc.footnotes] == ["1", "1", "1", "2"]
    original = doc.footnotes[0]
    reused = [f for f in doc.footnotes if f.citation and f.citation.get("reuses") == "d371fn1"]
    assert len(reused) == 2
    for f in reused:
        assert (f.start, f.end, f.text) == (original.start, original.end, "Not printed.")
        assert (
            doc.text[f.anchor - 7 : f.anchor] == "(Tab B)" or doc.text[f.anchor - 7 : f.anchor] == "(Tab C)"
        )
    assert doc.text.count("Not printed.") == 1, "a reused note body is stored once"


def test_symbol_markers_and_nested_lists(tei_docs):
    doc = tei_docs["frus1949v07p2-d387"]
    markers = [f.marker for f in doc.footnotes]
    assert len(markers) == 10 and {"*", "†", "‡", "§"} <= set(markers)
    star = next(f for f in doc.footnotes if f.marker == "*")
    assert doc.text[: star.anchor].endswith("Our basic security objectives with respect to Asia")
    # list items (label + item) are their own paragraphs, nested (1) (a) items too
    paragraphs = [doc.text[n.start : n.end] for n in doc.nodes("paragraph")]
    assert "A. NSC 48/1 and 48/2" in paragraphs
    assert any(p.startswith("(1) Any association formed must be") for p in paragraphs)
    assert any(p.startswith("(a) The reluctance of India") for p in paragraphs)
    assert doc.node("notes").start > doc.node("doc").end


def test_blockquote_and_page_breaks(tei_docs):
    doc = tei_docs["frus1949v07p2-d327"]
    assert doc.page_breaks[0].page == 1147
    assert doc.text[doc.page_breaks[0].offset :].startswith("of any such bloc")
    quoted = [n for n in tei_docs["frus1949v07p2-d387"].nodes("paragraph") if n.attributes.get("quote")]
    assert quoted


def test_milestones_divs(tei_docs):
    doc = tei_docs["milestones-1945-1952"]
    divs = doc.nodes("div")
    assert len(divs) == 19
    anzus = doc.node("anzus")
    assert anzus.title.startswith("The Australia, New Zealand and United States Security Treaty")
    paragraphs = [n for n in doc.nodes("paragraph") if n.parent == "anzus"]
    assert len(paragraphs) >= 5
    assert "ANZUS" in doc.text[anzus.start : anzus.end]
    assert len(tei_docs["milestones-1953-1960"].nodes("div")) == 14
    assert doc.metadata["document_title"] == "Milestones: 1945–1952"


def test_malformed_xml_names_line_and_column(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<text><body><p>open\n</body></text></TEI>\n')
    with pytest.raises(IngestError) as err:
        ingest(path, own_entry(path))
    message = str(err.value)
    assert re.search(r"broken\.xml: malformed XML: line \d+, column \d+: ", message)
    assert "\n" not in message


def test_dangling_refs_and_symbol_notes_in_synthetic_tei(tmp_path):
    path = tmp_path / "doc.xml"
    path.write_text(
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>
        <div type="document" xml:id="d1" n="1" subtype="historical-document">
          <head>No. 1<lb/>A   test
              document<note n="*" xml:id="d1fn1">Head note.</note></head>
          <p>See <ref target="#pg_999">page 999</ref> and <ref target="#d404">doc 404</ref>.<note n="†"
             xml:id="d1fn2">Dagger note.</note></p>
          <p>Again<note n="†" target="d1fn2">Dagger note.</note> here.</p>
        </div></body></text></TEI>""",
        encoding="utf-8",
    )
    doc = ingest(path, own_entry(path))
    assert doc.metadata["document_title"] == "A test document"
    assert "See page 999 and doc 404." in doc.text
    assert [f.marker for f in doc.footnotes] == ["*", "†", "†"]
    assert doc.text[: doc.footnotes[2].anchor].endswith("Again")
    assert doc.text.count("Dagger note.") == 1


def test_non_tei_root_is_refused(tmp_path):
    path = tmp_path / "other.xml"
    path.write_text("<html><body><p>hi</p></body></html>")
    with pytest.raises(IngestError, match="not a TEI file"):
        ingest(path, own_entry(path))
