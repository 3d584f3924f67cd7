"""PDF ingestion: real PDFs from the corpus and treaty PDFs generated here with reportlab."""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

import pdfplumber
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

from foedus.corpus.catalogue import CatalogueEntry, checked_path
from foedus.errors import IngestError
from foedus.ingest import ingest

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
EN_STYLE = ParagraphStyle("en", fontName="Helvetica", fontSize=11, leading=14, spaceAfter=9)
ZH_STYLE = ParagraphStyle(
    "zh", fontName="STSong-Light", fontSize=11, leading=15, spaceAfter=9, wordWrap="CJK"
)
CJK_SPACE_CJK = re.compile(r"[\u4e00-\u9fff] [\u4e00-\u9fff]")


def squash(text: str) -> str:
    return " ".join(text.split())


def pdf_entry(
    path: Path, languages: list[str], kind: str = "treaty", expected: int | None = None
) -> CatalogueEntry:
    return CatalogueEntry(
        id="gen-" + path.stem,
        kind=kind,
        format="pdf",
        path=str(path),
        languages=languages,
        title={},
        articles_expected=expected,
    )


def paragraphs_of(path: Path) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if p.strip()]


def write_treaty_pdf(out: Path, texts: list[tuple[list[str], ParagraphStyle]]) -> Path:
    story = []
    for i, (paragraphs, style) in enumerate(texts):
        if i:
            story.append(PageBreak())
        story.extend(Paragraph(escape(" ".join(p.split())), style) for p in paragraphs)
    SimpleDocTemplate(str(out), pagesize=A4).build(story)
    return out


@pytest.fixture(scope="module")
def real_pdfs(corpus_root, catalogue):
    out = {}
    for entry in catalogue.entries:
        if entry.format == "pdf" and "vertical" not in entry.path:
            out[entry.id] = ingest(checked_path(corpus_root, entry), entry)
    return out


def test_federal_register_columns_are_not_interleaved(real_pdfs, corpus_root, catalogue):
    doc = real_pdfs["federal-register-2020-17221"]
    assert len(doc.nodes("page")) == 15 and [b.page for b in doc.page_breaks] == list(range(1, 16))
    text = squash(doc.text)
    # one sentence of the left column and one of the right column, each read continuously
    assert (
        "This section of the FEDERAL REGISTER contains notices to the public of the proposed issuance "
        "of rules and regulations."
    ) in text
    assert "proposal, explain the reason for any recommended change, and include supporting data." in text
    raw = pdfplumber.open(str(checked_path(corpus_root, catalogue.get("federal-register-2020-17221"))))
    with raw:
        assert "This section of the FEDERAL REGISTER • Federal eRulemaking" in raw.pages[0].extract_text()
    heads = doc.metadata["running_heads"]
    assert any("Federal Register / Vol. 85" in h["text"] for h in heads)
    assert "VerDate" not in doc.text and "Federal Register / Vol. 85" not in doc.text


def test_chinese_pdf_has_no_spaces_between_cjk(real_pdfs):
    doc = real_pdfs["anhui-land-use-standard-2020-p173"]
    assert doc.text.startswith("安徽省建设用地使用标准(2020年版)")  # NFKC: （ ） → ( )
    assert not CJK_SPACE_CJK.search(doc.text)
    assert "第7.11条养护设施分为养护工区、道班房和桥隧养护管理站。" in doc.text.replace(" ", "")
    assert {h["text"] for h in doc.metadata["running_heads"]} == {"173"}
    assert {s.lang for s in doc.segments} >= {"zh"}


def test_footnotes_are_separated_by_font_size(real_pdfs):
    doc = real_pdfs["ithaka-open-access-latin-america-2019"]
    first = next(f for f in doc.footnotes if f.page == 5)
    assert first.marker == "1" and first.text.startswith("Throughout this paper, we generally refer to")
    assert doc.text[: first.anchor].endswith("Mexico City")
    body = " ".join(doc.text[n.start : n.end] for n in doc.nodes("paragraph"))
    assert "Throughout this paper, we generally refer" not in body
    assert all(f.anchor < f.start for f in doc.footnotes if f.marker)
    assert any(
        "The Impact of Open Access Latin American Scholarship" in h["text"]
        for h in doc.metadata["running_heads"]
    )


def test_vertical_japanese_is_refused_not_annotated(corpus_root):
    # Not in the packaged catalogue (docs/corpus.md): the file is a negative test for reading order.
    path = corpus_root / "corpus/pdf/pdfminer__jo_ja-vertical.pdf"
    with pytest.raises(IngestError, match="vertical CJK text"):
        ingest(path, pdf_entry(path, ["ja"], kind="other"))


def test_page_without_text_layer_is_a_warning(tmp_path):
    path = tmp_path / "mixed.pdf"
    c = canvas.Canvas(str(path))
    c.rect(100, 100, 200, 200, fill=1)
    c.showPage()
    c.setFont("Helvetica", 12)
    c.drawString(72, 700, "The only page with text on it.")
    c.showPage()
    c.save()
    doc = ingest(path, pdf_entry(path, ["en"], kind="other"))
    assert doc.warnings == ["page 1: no text layer (scanned image or empty page)"]
    assert doc.node("page-1").attributes["unusable"].startswith("no text layer")
    assert doc.text == "The only page with text on it."
    assert doc.page_breaks[1].page == 2 and doc.page_breaks[1].offset == 0


def test_treaty_pdf_articles_match_the_text(tmp_path, corpus_root, catalogue):
    en_entry = catalogue.get("nato-1949.en")
    text_doc = ingest(checked_path(corpus_root, en_entry), en_entry)
    path = write_treaty_pdf(
        tmp_path / "nato-en.pdf", [(paragraphs_of(corpus_root / en_entry.path), EN_STYLE)]
    )
    pdf_doc = ingest(path, pdf_entry(path, ["en"], expected=14))
    assert pdf_doc.metadata["articles_present"] == text_doc.metadata["articles_present"]
    assert pdf_doc.metadata["articles_missing"] == []
    for node in text_doc.nodes("article"):
        twin = pdf_doc.node(node.id)
        assert squash(pdf_doc.text[twin.start : twin.end]) == squash(text_doc.text[node.start : node.end])
    assert squash(pdf_doc.text[pdf_doc.node("preamble").start : pdf_doc.node("preamble").end]) == squash(
        text_doc.text[text_doc.node("preamble").start : text_doc.node("preamble").end]
    )


def test_bilingual_treaty_pdf(tmp_path, corpus_root, catalogue):
    en_entry, zh_entry = catalogue.get("nato-1949.en"), catalogue.get("nato-1949.zh")
    zh_doc = ingest(checked_path(corpus_root, zh_entry), zh_entry)
    path = write_treaty_pdf(
        tmp_path / "nato-bilingual.pdf",
        [
            (paragraphs_of(corpus_root / en_entry.path), EN_STYLE),
            (paragraphs_of(corpus_root / zh_entry.path), ZH_STYLE),
        ],
    )
    doc = ingest(path, pdf_entry(path, ["en", "zh"], expected=14))
    by_lang = doc.metadata["articles_present_by_lang"]
    assert by_lang["en"] == [str(i) for i in range(1, 15)]
    assert by_lang["zh"] == zh_doc.metadata["articles_present"] == ["1", "2", "3", "4", "5"]
    assert not CJK_SPACE_CJK.search(doc.text)
    for node in zh_doc.nodes("article"):
        twin = doc.node(f"zh-{node.id}")
        assert twin.lang == "zh"
        assert doc.text[twin.start : twin.end].replace("\n\n", "") == zh_doc.text[
            node.start : node.end
        ].replace("\n\n", "")
    langs = {s.lang for s in doc.segments}
    assert langs == {"en", "zh"}
