"""PDFs whose CID font has no ToUnicode map: pdfplumber extracts `(cid:N)`, the ingester refuses it.

The PDFs are written byte by byte here (a Type0 font, Identity-H encoding, a CIDFontType2
descendant with no ToUnicode CMap and no font program), so the garbage is the real extraction.
"""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pypdfium2
import pytest
from reportlab.pdfgen import canvas

from foedus.corpus.catalogue import CatalogueEntry
from foedus.errors import IngestError
from foedus.ingest.pdf import ingest

CID = re.compile(r"\(cid:\d+\)")
GOOD_LINES = [
    "The United States preferred bilateral alliances in Asia after 1951.",
    "Each treaty bound the parties to consult, not to fight.",
]


def pdf_bytes(objects: list[bytes]) -> bytes:
    """A PDF file holding `objects` as 1 0 obj, 2 0 obj, ... with object 1 as the catalog."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(data: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n%s\nendstream" % (len(data), data)


def glyph_run(first: int, count: int) -> bytes:
    """A hex string of two-byte glyph ids, as shown with Identity-H."""
    return b"<" + b"".join(b"%04X" % gid for gid in range(first, first + count)) + b">"


def write_one_page_pdf(path: Path, content: bytes) -> Path:
    """One Letter page drawing `content` with /F1 (CID font, no ToUnicode map), /F2 (Helvetica)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
        b" /Resources << /Font << /F1 4 0 R /F2 8 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /NoMap /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        stream(content),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NoMap /DW 500 /CIDToGIDMap /Identity"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
        b" /FontDescriptor 7 0 R >>",
        b"<< /Type /FontDescriptor /FontName /NoMap /Flags 4 /FontBBox [0 -200 1000 800]"
        b" /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    path.write_bytes(pdf_bytes(objects))
    return path


def write_cid_pdf(path: Path, lines: int = 3, size: int = 11) -> Path:
    """One page of `lines` rows of glyph ids in the CID font without a ToUnicode map."""
    shows = b" 0 -18 Td ".join(glyph_run(0x21 + 7 * i, 40) + b" Tj" for i in range(lines))
    return write_one_page_pdf(path, b"BT /F1 %d Tf 72 700 Td %s ET" % (size, shows))


def write_helvetica_pdf(path: Path, size: int = 11, note: str | None = None) -> Path:
    """GOOD_LINES drawn by reportlab in Helvetica, with an optional footnote in 7 pt."""
    page = canvas.Canvas(str(path), pagesize=(612, 792))
    page.setFont("Helvetica", size)
    for i, line in enumerate(GOOD_LINES):
        page.drawString(72, 700 - 14 * i, line)
    if note:
        page.setFont("Helvetica", 7)
        page.drawString(72, 80, note)
    page.showPage()
    page.save()
    return path


def concatenate(parts: list[Path], out: Path) -> Path:
    """One PDF with the pages of `parts` in order (PDFium copies the page objects as they are)."""
    merged = pypdfium2.PdfDocument.new()
    for part in parts:
        merged.import_pages(pypdfium2.PdfDocument(str(part)))
    merged.save(str(out))
    return out


def entry_for(path: Path) -> CatalogueEntry:
    return CatalogueEntry(
        id=path.stem, kind="other", format="pdf", path=str(path), languages=["en"], title={}
    )


def test_generated_font_really_extracts_as_cid_glyph_ids(tmp_path):
    path = write_cid_pdf(tmp_path / "nomap.pdf")
    assert b"ToUnicode" not in path.read_bytes()
    with pdfplumber.open(str(path)) as pdf:
        text = pdf.pages[0].extract_text()
    assert CID.sub("", text).split() == []  # nothing but (cid:N) tokens and line breaks
    assert len(CID.findall(text)) == 120


def test_all_garbage_pdf_is_refused_with_a_one_line_reason(tmp_path):
    path = write_cid_pdf(tmp_path / "nomap.pdf")
    with pytest.raises(IngestError) as caught:
        ingest(path, entry_for(path))
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    assert "(cid:N) glyph ids" in message
    assert "no ToUnicode map" in message
    assert caught.value.path == str(path)


def test_garbage_page_is_reported_and_only_the_good_page_is_text(tmp_path):
    cid = write_cid_pdf(tmp_path / "nomap.pdf")
    good = write_helvetica_pdf(tmp_path / "good.pdf")
    path = concatenate([cid, good], tmp_path / "mixed.pdf")
    with pdfplumber.open(str(path)) as pdf:
        assert CID.search(pdf.pages[0].extract_text()) and not CID.search(pdf.pages[1].extract_text())

    doc = ingest(path, entry_for(path))

    assert " ".join(doc.text.split()) == " ".join(GOOD_LINES)
    assert "cid:" not in doc.text
    assert len(doc.warnings) == 1
    assert doc.warnings[0].startswith("page 1: ") and "(cid:N) glyph ids" in doc.warnings[0]
    assert doc.metadata["unusable_pages"] == [1]
    assert [b.page for b in doc.page_breaks] == [1, 2]
    assert {n.page for n in doc.nodes("paragraph")} == {2}


def test_a_garbage_page_does_not_set_the_body_font_size(tmp_path):
    # 9 pt body with a 7 pt footnote; the garbage page's larger glyphs must not count
    cid = write_cid_pdf(tmp_path / "nomap.pdf", lines=20, size=11)
    good = write_helvetica_pdf(tmp_path / "good.pdf", size=9, note="1 A note set in small type.")
    doc = ingest(concatenate([cid, good], tmp_path / "mixed.pdf"), entry_for(tmp_path / "mixed.pdf"))
    assert doc.metadata["body_font_size"] == 9.0
    assert [(f.marker, f.text) for f in doc.footnotes] == [("1", "A note set in small type.")]


def test_a_few_cid_glyphs_on_a_good_page_are_dropped_with_a_warning(tmp_path):
    words = b"The parties shall consult together whenever the territorial integrity of any of them"
    content = (
        b"BT /F2 11 Tf 72 700 Td (" + words + b") Tj 0 -14 Td (is threatened.) Tj ET"
        b" BT /F1 11 Tf 72 660 Td " + glyph_run(0x21, 4) + b" Tj ET"
    )
    path = write_one_page_pdf(tmp_path / "partial.pdf", content)
    with pdfplumber.open(str(path)) as pdf:
        assert len(CID.findall(pdf.pages[0].extract_text())) == 4

    doc = ingest(path, entry_for(path))

    assert " ".join(doc.text.split()) == words.decode() + " is threatened."
    assert doc.warnings == [
        "page 1: 4 glyph(s) extract as (cid:N) ids (font has no ToUnicode map) and were left out"
    ]
    assert doc.metadata["unusable_pages"] == []


def test_text_running_past_the_page_edge_is_read(tmp_path):
    line = (
        b"Article 5 of the treaty is set here as one long line of words"
        b" that runs on and on, well beyond the right-hand edge"
    )
    content = b"BT /F2 11 Tf 72 700 Td (" + line + b" of the page) Tj 0 -14 Td (and ends here.) Tj ET"
    path = write_one_page_pdf(tmp_path / "wide.pdf", content)
    with pdfplumber.open(str(path)) as pdf:
        assert max(c["x1"] for c in pdf.pages[0].chars) > pdf.pages[0].width
    doc = ingest(path, entry_for(path))
    assert "well beyond the right-hand edge of the page" in doc.text and doc.warnings == []
