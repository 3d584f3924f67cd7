"""PDF (pdfplumber): reading-order text per page, running heads removed, footnotes by font size.

Per page: words are grouped into rows, repeated rows at the top/bottom of pages (running heads,
footers, page numbers) are removed and recorded, rows set in a smaller font at the foot of the
page become footnotes, and the rest is split into columns at the vertical gutters (x-coordinate
gaps no word crosses) and read column by column.  Lines are joined into paragraphs (English
end-of-line hyphens joined, no spaces between CJK characters) and NFKC-normalised.  Pages whose
text is garbage ((cid:N) glyphs, vertical CJK read as one character per line) or missing are
reported in `doc.warnings` and left out of the font-size and running-head statistics; a few
(cid:N) glyphs on an otherwise good page are dropped with a warning.  A document with no usable
page raises `IngestError`.  A treaty PDF (`kind` treaty or draft) also gets the treaty structure
(articles, preamble, ...).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber

from foedus.corpus.catalogue import CatalogueEntry
from foedus.errors import IngestError
from foedus.ingest.plain import entry_metadata, script_segments
from foedus.ingest.treaty import article_coverage, treaty_structure
from foedus.model import Document, Footnote, PageBreak, Segment, StructureNode

_CJK_CHAR = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_CID = re.compile(r"\(cid:\d+\)")
_CID_PAGE = 0.1  # above this share of (cid:N) glyphs a page is unusable; below, they are dropped
_MARKER = re.compile(r"^(?:\d{1,3}|[*†‡§¶])$")
_PAGE_NUMBER = re.compile(r"^(?:[-–—]\s*)?(?:page\s+)?\d{1,4}(?:\s*[-–—])?$|^[ivxlc]{1,6}$", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_ANCHOR = "\ue000"
_NO_TEXT = "no text layer (scanned image or empty page)"
_HEAD_ZONE = 0.15  # running heads live in the top/bottom 15% of the page
_SMALL = 0.85  # footnote rows are set below 85% of the body font size


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass
class _Row:
    words: list[_Word] = field(default_factory=list)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def size(self) -> float:
        return Counter(round(w.size, 1) for w in self.words).most_common(1)[0][0]


@dataclass
class _Page:
    """What one page contributes: paragraphs, footnotes, running heads, problems."""

    number: int
    paragraphs: list[str] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    heads: list[dict[str, Any]] = field(default_factory=list)
    problem: str | None = None
    cid_glyphs: int = 0  # (cid:N) glyphs dropped from an otherwise usable page


def _is_cjk(ch: str) -> bool:
    return bool(_CJK_CHAR.match(ch))


def _glue(left: str, right: str, gap_space: bool = True) -> str:
    """Join two pieces of text: no space between CJK characters, else one space."""
    if not left:
        return right
    if not right:
        return left
    if _is_cjk(left[-1]) or _is_cjk(right[0]) or not gap_space:
        return left + right
    return left + " " + right


def _words(page: Any) -> list[_Word]:
    raw = page.extract_words(
        x_tolerance=1.5, y_tolerance=3, keep_blank_chars=False, extra_attrs=["size", "upright"]
    )
    return [
        _Word(unicodedata.normalize("NFKC", w["text"]), w["x0"], w["x1"], w["top"], w["bottom"], w["size"])
        for w in raw
        if w["text"].strip() and w["upright"]  # rotated margin stamps are not body text
    ]


def _rows(words: list[_Word]) -> list[_Row]:
    """Group words into rows by vertical overlap with the row's first word (no chaining)."""
    rows: list[_Row] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        placed = False
        for row in reversed(rows[-6:]):
            first = row.words[0]
            overlap = min(first.bottom, w.bottom) - max(first.top, w.top)
            if overlap >= 0.5 * min(first.bottom - first.top, w.bottom - w.top):
                row.words.append(w)
                placed = True
                break
        if not placed:
            rows.append(_Row([w]))
    for row in rows:
        row.words.sort(key=lambda w: w.x0)
    return rows


def _row_text(words: list[_Word]) -> str:
    text = ""
    prev: _Word | None = None
    for w in words:
        text = _glue(text, w.text, gap_space=prev is None or w.x0 - prev.x1 > 0.12 * w.size)
        prev = w
    return text


def _head_key(text: str) -> str:
    return _DIGITS.sub("#", text.lower()).replace(" ", "")


def _gutters(rows: list[_Row], width: float) -> list[tuple[float, float]]:
    """Vertical x-gaps that no word crosses, with enough text on both sides to be columns."""
    words = [w for r in rows for w in r.words]
    if len(words) < 20:
        return []
    left, right = min(w.x0 for w in words), max(w.x1 for w in words)
    bins = [0] * (int(max(width, right)) + 2)  # text may run past the page edge
    for w in words:
        for x in range(max(0, int(w.x0)), min(len(bins), int(w.x1) + 1)):
            bins[x] += 1
    tolerance = max(1, len(rows) // 25)  # a few full-width rows (headings) may cross a gutter
    gutters: list[tuple[float, float]] = []
    x = int(left) + 1
    while x < int(right):
        if bins[x] <= tolerance:
            start = x
            while x < int(right) and bins[x] <= tolerance:
                x += 1
            if x - start >= 6:
                gutters.append((float(start), float(x)))
        x += 1
    out = []
    for g0, g1 in gutters:
        lhs = sum(1 for w in words if w.x1 <= g0 + 1)
        rhs = sum(1 for w in words if w.x0 >= g1 - 1)
        if min(lhs, rhs) >= 0.15 * len(words):
            out.append((g0, g1))
    return out


def _reading_order(rows: list[_Row], gutters: list[tuple[float, float]]) -> list[list[_Row]]:
    """Runs of lines in reading order: each column of a band top to bottom, bands split by
    rows that cross a gutter (full-width headings)."""
    if not gutters:
        return [rows] if rows else []
    n_cols = len(gutters) + 1
    runs: list[list[_Row]] = []
    band: list[list[_Row]] = [[] for _ in range(n_cols)]

    def column_of(w: _Word) -> int:
        centre = (w.x0 + w.x1) / 2
        return sum(1 for g0, _ in gutters if centre > g0)

    for row in rows:
        spanning = any(w.x0 < g0 and w.x1 > g1 for w in row.words for g0, g1 in gutters)
        if spanning:
            runs.extend(col for col in band if col)
            band = [[] for _ in range(n_cols)]
            runs.append([row])
            continue
        pieces: dict[int, list[_Word]] = {}
        for w in row.words:
            pieces.setdefault(column_of(w), []).append(w)
        for col, ws in pieces.items():
            band[col].append(_Row(ws))
    runs.extend(col for col in band if col)
    return runs


def _join_lines(lines: list[str], english: bool) -> str:
    text = ""
    for line in lines:
        if english and len(text) > 1 and text.endswith("-") and text[-2].islower() and line[:1].islower():
            text = text[:-1] + line
        else:
            text = _glue(text, line)
    return text


def _paragraphs(run: list[_Row], body_size: float, markers: set[str], english: bool) -> list[str]:
    """Split a run of lines (one column) into paragraphs by vertical gaps, indents and size."""
    paragraphs: list[list[str]] = []
    left = Counter(round(r.x0) for r in run).most_common(1)[0][0]
    prev: _Row | None = None
    for row in run:
        size = row.size
        # superscript footnote markers: smaller digits/symbols whose note is on this page
        kept: list[_Word] = []
        for w in row.words:
            if w.text in markers and w.size < 0.8 * size and kept:
                kept[-1] = _Word(
                    kept[-1].text + _ANCHOR + w.text + _ANCHOR,
                    kept[-1].x0,
                    w.x1,
                    kept[-1].top,
                    kept[-1].bottom,
                    kept[-1].size,
                )
            else:
                kept.append(w)
        line = _row_text(kept)
        new_para = prev is None
        if prev is not None:
            gap = row.top - prev.bottom
            indent = row.x0 - left
            if gap > 0.75 * size or abs(size - prev.size) > 1.0 or (indent > 0.8 * size and gap > -1):
                new_para = True
        if new_para:
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
        prev = row
    return [_join_lines(p, english) for p in paragraphs]


def _cid_glyphs(chars: list[dict[str, Any]]) -> int:
    """How many glyphs extract as `(cid:N)` (a CID font without a ToUnicode map)."""
    return sum(1 for c in chars if _CID.fullmatch(c.get("text", "")))


def _garbage(chars: list[dict[str, Any]], cid_glyphs: int, rows: list[_Row]) -> str | None:
    """Why a page's text layer (`cid_glyphs` of its chars are `(cid:N)`) is unusable, or None."""
    if chars and cid_glyphs / len(chars) > _CID_PAGE:
        return "text extracts as (cid:N) glyph ids (font has no ToUnicode map)"
    multi = [r for r in rows if len(r.words) >= 3]
    if multi:
        single_cjk = [
            r
            for r in multi
            if sum(1 for w in r.words if len(w.text) == 1 and _is_cjk(w.text)) >= 0.8 * len(r.words)
        ]
        if len(single_cjk) >= 0.5 * len(multi):
            return "vertical CJK text extracts as one character per line (reading order lost)"
    return None


def _without_cid(rows: list[_Row]) -> list[_Row]:
    """The rows with `(cid:N)` glyphs removed (words and rows left empty are dropped)."""
    out: list[_Row] = []
    for row in rows:
        words: list[_Word] = []
        for w in row.words:
            text = _CID.sub("", w.text)
            if text.strip():
                words.append(w if text == w.text else _Word(text, w.x0, w.x1, w.top, w.bottom, w.size))
        if words:
            out.append(_Row(words))
    return out


def _split_notes(rows: list[_Row], body_size: float) -> tuple[list[_Row], list[_Row]]:
    """(body rows, footnote rows): the run of small-font rows at the foot of the page."""
    cut = len(rows)
    while cut > 0 and rows[cut - 1].size < _SMALL * body_size:
        cut -= 1
    if cut == len(rows) or cut == 0:
        return rows, []
    return rows[:cut], rows[cut:]


def _parse_notes(rows: list[_Row]) -> list[tuple[str, str]]:
    notes: list[tuple[str, list[str]]] = []
    for row in rows:
        first = row.words[0]
        if _MARKER.match(first.text) and (first.size < row.size or len(row.words) > 1):
            notes.append((first.text, [_row_text(row.words[1:])]))
        elif notes:
            notes[-1][1].append(_row_text(row.words))
        else:
            notes.append(("", [_row_text(row.words)]))
    return [(marker, _join_lines(lines, True)) for marker, lines in notes]


def _open_error(path: Path) -> str | None:
    """A clear reason when the bytes cannot be a readable PDF (checked before parsing)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(1024)
            fh.seek(max(0, size - 2048))
            tail = fh.read()
    except OSError as exc:
        return f"cannot read file ({exc.strerror})"
    if size == 0:
        return "file is empty"
    if b"%PDF-" not in head:
        return "not a PDF (no %PDF- header)"
    if b"%%EOF" not in tail:
        return "truncated PDF (no %%EOF marker at the end of the file)"
    return None


def _innermost(exc: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer's errors (PdfminerException(original)); find the original."""
    seen = 0
    while seen < 10:
        seen += 1
        inner = exc.__cause__ or (
            exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
        )
        if inner is None:
            return exc
        exc = inner
    return exc


def _pdf_error(path: Path, exc: BaseException) -> IngestError:
    inner = _innermost(exc)
    name = type(inner).__name__
    if "Password" in name or "Encrypt" in name:
        return IngestError(str(path), "encrypted PDF: a password is required to read it")
    return IngestError(str(path), f"corrupt PDF ({_one_line(inner)})")


def _one_line(exc: BaseException) -> str:
    detail = " ".join(str(exc).split()) or type(exc).__name__
    return f"{type(exc).__name__}: {detail}"[:300]


def extract_pages(path: Path, english: bool = True) -> tuple[list[_Page], float]:
    """The pages of the PDF in reading order, and the body font size."""
    problem = _open_error(path)
    if problem:
        raise IngestError(str(path), problem)
    try:
        pdf = pdfplumber.open(str(path))
    except Exception as exc:  # pdfminer raises many unrelated types for bad input
        raise _pdf_error(path, exc) from None
    try:
        with pdf:
            raw: list[tuple[list[dict[str, Any]], list[_Row], float, float]] = []
            for page in pdf.pages:
                chars = page.chars
                raw.append((chars, _rows(_words(page)), float(page.width), float(page.height)))
    except Exception as exc:
        raise _pdf_error(path, exc) from None
    cids = [_cid_glyphs(chars) for chars, _, _, _ in raw]
    problems = [
        _garbage(chars, n_cid, rows) if chars else _NO_TEXT
        for (chars, rows, _, _), n_cid in zip(raw, cids, strict=True)
    ]
    # garbage pages must not sway the body font size or the running heads of the good ones
    raw = [
        (chars, [] if problem else _without_cid(rows) if n_cid else rows, width, height)
        for (chars, rows, width, height), problem, n_cid in zip(raw, problems, cids, strict=True)
    ]
    sizes: Counter[float] = Counter()
    for _, rows, _, _ in raw:
        for r in rows:
            for w in r.words:
                sizes[round(w.size, 1)] += len(w.text)
    body_size = sizes.most_common(1)[0][0] if sizes else 10.0
    heads = _running_heads(raw)
    pages: list[_Page] = []
    for index, (_chars, rows, width, _height) in enumerate(raw):
        page = _Page(number=index + 1, problem=problems[index])
        pages.append(page)
        if page.problem:
            continue
        page.cid_glyphs = cids[index]
        body: list[_Row] = []
        for r in rows:
            key = (index, id(r))
            if key in heads:
                page.heads.append({"page": index + 1, "position": heads[key], "text": _row_text(r.words)})
            else:
                body.append(r)
        body, note_rows = _split_notes(body, body_size)
        page.notes = _parse_notes(note_rows)
        markers = {m for m, _ in page.notes if m}
        for run in _reading_order(body, _gutters(body, width)):
            page.paragraphs.extend(_paragraphs(run, body_size, markers, english))
        _merge_continuations(page.paragraphs)
    return pages, body_size


def _merge_continuations(paragraphs: list[str]) -> None:
    """Join a paragraph cut by a column break (no end punctuation, next starts lower-case)."""
    i = 0
    while i + 1 < len(paragraphs):
        left, right = paragraphs[i], paragraphs[i + 1]
        if left and right and left[-1] not in '.:;!?)"”。：；！？' and right[0].islower():
            paragraphs[i] = _join_lines([left, right], True)
            del paragraphs[i + 1]
        else:
            i += 1


def _running_heads(raw: list[tuple[list[Any], list[_Row], float, float]]) -> dict[tuple[int, int], str]:
    """Rows at the top/bottom of pages that repeat on other pages (digits masked) or are page numbers."""
    candidates: list[tuple[int, _Row, str]] = []
    for index, (_, rows, _, height) in enumerate(raw):
        if not rows:
            continue
        for r in rows[:2]:
            if r.bottom < _HEAD_ZONE * height:
                candidates.append((index, r, "top"))
        for r in rows[-2:]:
            if r.top > (1 - _HEAD_ZONE) * height:
                candidates.append((index, r, "bottom"))
    pages_per_key: dict[str, set[int]] = {}
    for index, r, _ in candidates:
        pages_per_key.setdefault(_head_key(_row_text(r.words)), set()).add(index)
    needed = 2 if len(raw) <= 4 else max(2, len(raw) // 4)
    out: dict[tuple[int, int], str] = {}
    for index, r, position in candidates:
        text = _row_text(r.words)
        if len(pages_per_key[_head_key(text)]) >= needed or _PAGE_NUMBER.match(text.strip()):
            out[(index, id(r))] = position
    return out


def _anchored(text: str) -> tuple[str, list[tuple[int, str]]]:
    """Remove marker sentinels (`\\ue000N\\ue000`) from text; return (text, [(offset, marker)])."""
    out: list[str] = []
    anchors: list[tuple[int, str]] = []
    parts = text.split(_ANCHOR)
    length = 0
    for i, part in enumerate(parts):
        if i % 2 == 1:
            anchors.append((length, part))
        else:
            out.append(part)
            length += len(part)
    return "".join(out), anchors


def _lang_blocks(text: str, spans: list[tuple[int, int]], languages: list[str]) -> list[tuple[str, list]]:
    """Consecutive paragraph spans grouped by their dominant script language."""
    blocks: list[tuple[str, list[tuple[int, int]]]] = []
    for start, end in spans:
        segs = script_segments(text, languages, start, end)
        lang = max(segs, key=lambda s: s.end - s.start).lang if segs else (languages or ["und"])[0]
        if blocks and blocks[-1][0] == lang:
            blocks[-1][1].append((start, end))
        else:
            blocks.append((lang, [(start, end)]))
    return blocks


def _page_warning(page: _Page) -> str:
    if page.problem:
        return page.problem
    return f"{page.cid_glyphs} glyph(s) extract as (cid:N) ids (font has no ToUnicode map) and were left out"


def ingest(path: Path, entry: CatalogueEntry) -> Document:
    """Ingest a PDF with a text layer; see the module docstring."""
    languages = list(entry.languages) or ["en"]
    pages, body_size = extract_pages(path, english=languages[0] != "zh" or "en" in languages)
    usable = [p for p in pages if not p.problem and (p.paragraphs or p.notes)]
    warnings = [f"page {p.number}: {_page_warning(p)}" for p in pages if p.problem or p.cid_glyphs]
    if not usable:
        reasons = sorted({p.problem or "no text" for p in pages})
        raise IngestError(str(path), f"no usable text on any of {len(pages)} page(s): {'; '.join(reasons)}")

    parts: list[str] = []
    length = 0
    nodes: list[StructureNode] = []
    footnotes: list[Footnote] = []
    breaks: list[PageBreak] = []
    para_spans: list[tuple[int, int]] = []

    def place(text: str) -> tuple[int, int]:
        nonlocal length
        if parts:
            parts.append("\n\n")
            length += 2
        start = length
        parts.append(text)
        length += len(text)
        return start, length

    for page in pages:
        page_id = f"page-{page.number}"
        page_start = length + (2 if parts else 0)
        breaks.append(PageBreak(page_start, page.number))
        page_node = StructureNode(
            type="page",
            start=page_start,
            end=page_start,
            id=page_id,
            number=str(page.number),
            page=page.number,
        )
        if page.problem:
            page_node.attributes["unusable"] = page.problem
        nodes.append(page_node)
        anchors: list[tuple[int, str]] = []
        for k, raw in enumerate(page.paragraphs, 1):
            text, marks = _anchored(raw)
            if not text:
                continue
            start, end = place(text)
            anchors.extend((start + off, m) for off, m in marks)
            para_spans.append((start, end))
            nodes.append(
                StructureNode(
                    type="paragraph",
                    start=start,
                    end=end,
                    id=f"{page_id}-p{k}",
                    parent=page_id,
                    page=page.number,
                )
            )
        if page.notes:
            notes_start = length + 2
            for k, (marker, body) in enumerate(page.notes, 1):
                start, end = place(f"{marker} {body}" if marker else body)
                body_start = start + (len(marker) + 1 if marker else 0)
                anchor = next((a for a, m in anchors if m == marker), start)
                footnotes.append(
                    Footnote(
                        marker=marker,
                        anchor=anchor,
                        start=body_start,
                        end=end,
                        text=body,
                        id=f"{page_id}-fn{k}",
                        page=page.number,
                    )
                )
            nodes.append(
                StructureNode(
                    type="notes",
                    start=notes_start,
                    end=length,
                    id=f"{page_id}-notes",
                    parent=page_id,
                    page=page.number,
                )
            )
        page_node.end = max(page_start, length)

    text = "".join(parts)
    metadata = entry_metadata(entry)
    metadata.update(
        {
            "format": "pdf",
            "pages": len(pages),
            "body_font_size": body_size,
            "running_heads": [h for p in pages for h in p.heads],
            "unusable_pages": [p.number for p in pages if p.problem],
        }
    )
    segments: list[Segment] = script_segments(text, languages)
    if entry.kind in ("treaty", "draft"):
        nodes.extend(_treaty_nodes(text, para_spans, languages, metadata, entry))
    return Document(
        id=entry.id,
        kind=entry.kind,
        text=text,
        metadata=metadata,
        segments=segments,
        structure=nodes,
        footnotes=sorted(footnotes, key=lambda f: f.anchor),
        page_breaks=breaks,
        warnings=warnings,
    )


def _treaty_nodes(
    text: str,
    spans: list[tuple[int, int]],
    languages: list[str],
    metadata: dict[str, Any],
    entry: CatalogueEntry,
) -> list[StructureNode]:
    """Treaty parts recovered per language block (ids prefixed `<lang>-` when several)."""
    blocks = _lang_blocks(text, spans, languages)
    several = len({lang for lang, _ in blocks}) > 1
    nodes: list[StructureNode] = []
    by_lang: dict[str, list[str]] = {}
    for lang, block_spans in blocks:
        parse = treaty_structure(text, block_spans, lang, prefix=f"{lang}-" if several else "")
        nodes.extend(parse.nodes)
        by_lang.setdefault(lang, []).extend(parse.articles)
    primary = languages[0]
    present, missing = article_coverage(by_lang.get(primary, []), entry.articles_expected)
    metadata["articles_present"] = present
    metadata["articles_missing"] = missing
    metadata["articles_present_by_lang"] = {k: article_coverage(v, None)[0] for k, v in by_lang.items()}
    return nodes
