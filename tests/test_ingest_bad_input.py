"""Bad input: every failure is a one-line IngestError naming the file and the reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.pdfgen import canvas

from foedus.corpus.catalogue import CatalogueEntry, checked_path
from foedus.errors import IngestError
from foedus.ingest import ingest
from foedus.ingest.treaty_articles import paragraph_marker, parse_heading
from foedus.numerals import chinese_to_int, roman_to_int

# Synthetic Chinese text written for these tests (traditional characters, so Big5 can encode it).
TRADITIONAL = (
    "中華民國與美利堅合眾國間共同防禦條約。締約國承允依照聯合國憲章之規定，以和平方法解決國際爭議。\n\n" * 20
)
SIMPLIFIED = "各缔约国同意对于欧洲或北美之一个或数个缔约国之武装攻击,应视为对缔约国全体之攻击。\n\n" * 20


def entry_for(path: Path, fmt: str, languages: list[str] | None = None) -> CatalogueEntry:
    return CatalogueEntry(
        id=path.stem, kind="other", format=fmt, path=str(path), languages=languages or ["en"], title={}
    )


def failure(path: Path, fmt: str) -> str:
    with pytest.raises(IngestError) as err:
        ingest(path, entry_for(path, fmt))
    message = str(err.value)
    assert "\n" not in message and message.startswith(str(path) + ": ")
    return message


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert "empty" in failure(path, "text")
    path.write_bytes(b"  \n\n \t")
    assert "empty" in failure(path, "text")


def test_binary_file_named_txt(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 40)
    assert "binary" in failure(path, "text")


@pytest.mark.parametrize(
    "encoding,original", [("gb18030", SIMPLIFIED), ("gb18030", TRADITIONAL), ("big5", TRADITIONAL)]
)
def test_chinese_legacy_encodings(tmp_path, encoding, original):
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(original.encode(encoding))
    doc = ingest(path, entry_for(path, "text", ["zh"]))
    assert doc.text == original
    assert {s.lang for s in doc.segments} == {"zh"}


def test_utf8_bom_is_removed(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "# Title\n\nBody text 正文.\n".encode())
    doc = ingest(path, entry_for(path, "text", ["en", "zh"]))
    assert doc.text.startswith("# Title") and "\ufeff" not in doc.text
    assert doc.node("sec-1").title == "Title"
    assert [s.lang for s in doc.segments] == ["en", "zh"]  # trailing ".\n" joins the zh run


def _a_pdf(path: Path, encrypt: str | None = None) -> Path:
    c = canvas.Canvas(str(path), encrypt=encrypt)
    c.setFont("Helvetica", 12)
    for i in range(3):
        c.drawString(72, 700, f"Page {i + 1} of a small test document with some text.")
        c.showPage()
    c.save()
    return path


def test_truncated_pdf(tmp_path):
    data = _a_pdf(tmp_path / "whole.pdf").read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    assert "truncated" in failure(path, "pdf")


def test_corrupt_pdf(tmp_path):
    data = bytearray(_a_pdf(tmp_path / "whole.pdf").read_bytes())
    path = tmp_path / "corrupt.pdf"
    # keep header and trailer, overwrite everything in between (objects, xref)
    data[20:-30] = b"\x00garbage\xff" * ((len(data) - 50) // 9)
    path.write_bytes(bytes(data))
    message = failure(path, "pdf")
    assert "corrupt PDF" in message or "no usable text" in message
    not_pdf = tmp_path / "not-a.pdf"
    not_pdf.write_text("just some text")
    assert "not a PDF" in failure(not_pdf, "pdf")


def test_encrypted_pdf(tmp_path):
    path = _a_pdf(tmp_path / "encrypted.pdf", encrypt="secret")
    assert "encrypted PDF" in failure(path, "pdf")


def test_malformed_xml(tmp_path):
    path = tmp_path / "bad.xml"
    path.write_text("<TEI><text><body><p>unclosed</body></TEI>")
    assert "malformed XML: line 1, column" in failure(path, "tei")


def test_missing_file(tmp_path):
    for fmt in ("text", "tei", "pdf", "treaty-text"):
        assert "cannot read" in failure(tmp_path / "nowhere.txt", fmt) or "malformed" in failure(
            tmp_path / "nowhere.txt", fmt
        )


def test_large_text_file_streams(tmp_path):
    """A 200 MB text ingests (decoded in chunks) or fails with a clean IngestError."""
    path = tmp_path / "large.txt"
    paragraph = (
        "The Parties agree that an armed attack against one of them shall be considered an attack "
        "against them all. 缔约国同意对于任何一国之武装攻击应视为对全体之攻击。 "
    ) * 12 + "\n\n"
    block = (paragraph * 200).encode("utf-8")
    with path.open("wb") as fh:
        for _ in range(200 * (1 << 20) // len(block) + 1):
            fh.write(block)
    assert path.stat().st_size >= 200 * (1 << 20)
    try:
        doc = ingest(path, entry_for(path, "text", ["en", "zh"]))
    except IngestError as exc:
        assert str(exc).startswith(str(path))
        return
    assert len(doc.text) > 100_000_000
    assert doc.structure[0].type == "paragraph" and len(doc.structure) > 10_000
    assert {s.lang for s in doc.segments} == {"en", "zh"}


def test_real_treaty_text_is_not_binary(corpus_root, catalogue):
    entry = catalogue.get("us-roc-1954.zh")
    doc = ingest(checked_path(corpus_root, entry), entry)
    assert doc.text.startswith("中华民国与美利坚合众国间共同防御条约")


@given(st.text(max_size=200))
def test_heading_parser_never_crashes(text):
    heading = parse_heading(text)
    if heading is not None:
        assert int(heading.number) > 0 and 0 < heading.end <= len(text)
    paragraph_marker(text)
    chinese_to_int(text)
    roman_to_int(text)


@given(
    st.sampled_from(["Article ", "ARTICLE ", "Art. ", "第", ""]),
    st.text(alphabet="IVXLCivxlc0123456789一二三四五六七八九十百零条. ", max_size=12),
)
def test_heading_parser_on_heading_like_text(prefix, rest):
    heading = parse_heading(prefix + rest)
    if heading is not None:
        assert heading.number.isdigit() and int(heading.number) > 0
