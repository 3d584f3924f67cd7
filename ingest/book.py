"""Ingest a book's text conversion (format `book-text`) into the document model.

The conversion has Markdown-like headings, a CIP block and colophon, zh and en
prefaces, a zh 目录 and an en Contents, chapters with `<sup>①</sup>` anchors, and
footnote bodies after each page's end.  The canonical text keeps the source order,
rejoins paragraphs cut at page ends, drops markup, and moves the footnote bodies to
a notes area at the end.  See docs/book-ingest.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from foedus.corpus.catalogue import CatalogueEntry
from foedus.errors import IngestError
from foedus.ingest.bibliographic import parse_bibliographic
from foedus.ingest.book_blocks import Block, split_blocks, split_footnote
from foedus.ingest.book_lang import dominant_lang, segment_languages
from foedus.ingest.book_lexicon import region_of
from foedus.ingest.book_mapped import CanonicalBuilder, Mapped, collapse_letterspacing
from foedus.ingest.book_markup import CIRCLED, Clean, strip_heading, strip_inline
from foedus.ingest.book_pages import ends_open, joiner
from foedus.ingest.book_preface_align import align_paragraphs
from foedus.ingest.book_toc import (
    TocLine,
    align_toc,
    assign_chapters,
    entry_id,
    entry_key,
    parse_heading,
    parse_toc_line,
)
from foedus.ingest.citations import parse_citation
from foedus.ingest.decode import read_text
from foedus.model import Alignment, Document, DocumentKind, Footnote, PageBreak, StructureNode

_CIP_END = re.compile(r"数据核字")
_WORD = re.compile(r"[A-Za-z]+")


def _tidy_title(text: str) -> str:
    """A title for display: single spaces, no padding inside brackets."""
    text = " ".join(text.split())
    return re.sub(r"\s+([)）])", r"\1", re.sub(r"([(（])\s+", r"\1", text))


@dataclass
class _Note:
    marker: str
    block: Block
    sheet: int
    page: int | None


@dataclass
class _Paragraph:
    node: StructureNode
    last: Mapped  # the last fragment emitted, to decide how the next page joins it
    open: bool


@dataclass
class _State:
    region: str = "title-page"
    container: StructureNode | None = None  # the node paragraphs go into
    chapter: StructureNode | None = None
    section: StructureNode | None = None
    paragraph: _Paragraph | None = None
    page: int | None = None
    sheet: int = 0
    page_ended: bool = False  # a footnote block or separator was seen since the last text block
    counters: dict[str, int] = field(default_factory=dict)


class _BookAssembler:
    """Walks the blocks once, building the canonical text and everything that points into it."""

    def __init__(self, source: str, path: Path, entry: CatalogueEntry) -> None:
        self.source = source
        self.path = path
        self.entry = entry
        self.out = CanonicalBuilder(source)
        self.nodes: list[StructureNode] = []
        self.breaks: list[PageBreak] = []
        self.anchors: list[tuple[str, int, int]] = []  # marker, offset, sheet
        self.notes: list[_Note] = []
        self.toc: dict[str, list[tuple[TocLine, StructureNode]]] = {"zh": [], "en": []}
        self.titles: dict[tuple, tuple[dict[str, str], int | None]] = {}
        self.warnings: list[str] = []
        self.alignments: list[Alignment] = []
        self.st = _State()
        self.pending_break = False
        self.toc_aligned = False
        self.known_words = {w.lower() for w in _WORD.findall(source)}
        self.front = self._node("front-matter", "front", None, lang=None)
        self.st.container = self._node("div", "title-page", self.front.id, attributes={"role": "title-page"})

    # -- helpers -------------------------------------------------------------------------------
    def _node(self, type_: str, id_: str, parent: str | None, **kw) -> StructureNode:
        n = StructureNode(type=type_, start=self.out.pos, end=self.out.pos, id=id_, parent=parent, **kw)
        self.nodes.append(n)
        return n

    def _emit(self, m: Mapped, *nodes: StructureNode | None) -> tuple[int, int]:
        """Append `m` (after a block separator) and stretch the given nodes over it."""
        before = self.out.pos
        if self.out.pos and m.text:
            self.out.separator("\n\n")
        for n in reversed(self.nodes):  # nodes opened for this block start after the separator
            if n.start != before or n.end != before:
                break
            n.start = n.end = self.out.pos
        if self.pending_break:
            self.breaks.append(PageBreak(self.out.pos, self.st.page))
            self.pending_break = False
        span = self.out.append(m)
        for n in nodes:
            if n is not None:
                n.end = span[1]
        return span

    def _extend(self, *nodes: StructureNode | None) -> None:
        for n in nodes:
            if n is not None:
                n.end = self.out.pos

    def _break(self, page: int | None) -> None:
        """A new printed page starts with the next emitted block."""
        self.st.sheet += 1
        self.st.page = page
        self.st.page_ended = False
        self.pending_break = True

    def _break_here(self, page: int | None) -> None:
        """A new printed page starts at the current end of the text (inside a rejoined paragraph)."""
        self.st.sheet += 1
        self.st.page = page
        self.st.page_ended = False
        self.breaks.append(PageBreak(self.out.pos, page))

    def _lines(self, lines: list[Mapped], hard: bool) -> Clean:
        """Lines without markup joined into one text: by newlines (`hard`) or as running text."""
        out = Clean(Mapped("", ()))
        for line in lines:
            c = strip_inline(line.strip())
            if not c.text.text:
                continue
            if out.text.text:
                glue = (
                    Mapped("\n", (self.out.whitespace_after(out.text.origin[-1] + 1),))
                    if hard
                    else joiner(out.text, c.text)[0]
                )
                out.text = out.text + glue
            size = len(out.text)
            out.anchors += [(mk, size + p) for mk, p in c.anchors]
            out.emphasis += [(size + a, size + b) for a, b in c.emphasis]
            out.text = out.text + c.text
        return out

    def _close_paragraph(self) -> None:
        self.st.paragraph = None

    def _count(self, key: str) -> int:
        self.st.counters[key] = self.st.counters.get(key, 0) + 1
        return self.st.counters[key]

    # -- regions -------------------------------------------------------------------------------
    def _open_region(self, region: str, title: Mapped) -> None:
        self._close_paragraph()
        lang = "zh" if region.endswith("_zh") else "en" if region.endswith("_en") else None
        type_ = {"preface_zh": "preface", "preface_en": "preface", "toc_zh": "toc", "toc_en": "toc"}.get(
            region, "cip" if region == "cip" else "div"
        )
        node_id = {
            "preface_zh": "preface-zh",
            "preface_en": "preface-en",
            "toc_zh": "toc-zh",
            "toc_en": "toc-en",
        }
        if type_ in ("preface", "toc"):
            self._break(None)
        node = self._node(type_, node_id.get(region, region), self.front.id, lang=lang)
        node.title = _tidy_title(collapse_letterspacing(title).text)
        self.st.region = region
        self.st.container = node
        heading = self._node("heading", f"{node.id}-h", node.id, lang=lang or dominant_lang(title.text))
        heading.title = node.title
        self._emit(collapse_letterspacing(title), heading, node, self.front)

    def _heading(self, block: Block) -> None:
        text = strip_inline(strip_heading(block.mapped_lines(self.source)[0])).text.strip()
        region = region_of(text.text)
        if region:
            self._open_region(region, text)
            return
        parsed = parse_heading(text.text)
        if parsed.lang == "zh" and parsed.level in ("chapter", "section"):
            self._unit_heading(parsed, text)
            return
        # any other heading belongs to the region it stands in (the title page, the colophon...)
        if self.st.region == "cip-done":
            self._start_colophon()
        self._close_paragraph()
        parent = self.st.container
        heading = self._node("heading", f"{parent.id}-h{self._count(parent.id + '-h')}", parent.id)
        heading.lang = dominant_lang(text.text)
        heading.title = _tidy_title(text.text)
        self._emit(text, heading, *self._ancestors(parent))

    def _ancestors(self, node: StructureNode | None) -> list[StructureNode]:
        chain = []
        while node is not None:
            chain.append(node)
            node = next((n for n in self.nodes if n.id == node.parent), None)
        return chain

    def _start_colophon(self) -> None:
        self.st.region = "colophon"
        self.st.container = self._node("colophon", "colophon", self.front.id, lang="zh")

    def _unit_heading(self, parsed: TocLine, text: Mapped) -> None:
        self._close_paragraph()
        self._align_toc()
        label = text[parsed.label_span[0] : parsed.label_span[1]]
        gap = text[parsed.label_span[1] : parsed.title_span[0]].squash_spaces()
        title = collapse_letterspacing(text[parsed.title_span[0] : parsed.title_span[1]])
        shown = label + (gap if gap.text else Mapped("", ())) + title
        if parsed.level == "chapter":
            self.st.region = "chapter"
            titles, page = self.titles.get(("chapter", parsed.number, None), ({}, None))
            self._break(page)
            node = self._node("chapter", f"ch{parsed.number}", None, number=parsed.number, lang="zh")
            self.st.chapter, self.st.section = node, None
            parents: list[StructureNode] = [node]
        else:
            chapter = self.st.chapter
            ch_number = chapter.number if chapter else None
            titles, page = self.titles.get(("section", ch_number, parsed.number), ({}, None))
            node_id = f"ch{ch_number}-s{parsed.number}" if chapter else f"s{parsed.number}"
            node = self._node("section", node_id, chapter.id if chapter else None, number=parsed.number)
            node.lang = "zh"
            node.attributes["chapter"] = ch_number
            self.st.section = node
            parents = [node] + ([chapter] if chapter else [])
        node.title = _tidy_title(title.text)
        node.titles = dict(titles) or {"zh": node.title}
        node.page = page
        self.st.container = node
        heading = self._node("heading", f"{node.id}-h", node.id, lang="zh", title=node.title)
        self._emit(shown, heading, *parents)

    # -- body ----------------------------------------------------------------------------------
    def _body_text(self, block: Block) -> None:
        clean = self._lines(block.mapped_lines(self.source), hard=False)
        text = clean.text
        if not text.text:
            return
        para = self.st.paragraph
        if para is not None and para.open:
            glue, drop = joiner(para.last, text, self.known_words)
            self.out.drop_last(drop)
            self._break_here(self.st.page + 1 if self.st.page is not None else None)
            self.breaks[-1] = PageBreak(self.out.pos + len(glue), self.st.page)
            self.out.append(glue)
            start, end = self.out.append(text)
        else:
            if self.st.page_ended:
                self._break(self.st.page + 1 if self.st.page is not None else None)
            container = self.st.container
            node_id = f"{container.id}-p{self._count(container.id + '-p')}"
            node = self._node("paragraph", node_id, container.id)
            start, end = self._emit(text, node)
            para = self.st.paragraph = _Paragraph(node, text, True)
        for marker, pos in clean.anchors:
            self.anchors.append((marker, start + pos, self.st.sheet))
        para.last = text
        para.open = ends_open(text.text)
        for n in [para.node, *self._ancestors(self.st.container)]:
            n.end = end
        self.st.page_ended = False

    def _front_text(self, block: Block) -> None:
        if self.st.region == "cip-done":
            self._start_colophon()
        clean = self._lines(block.mapped_lines(self.source), hard=True)
        container = self.st.container
        self._emit(clean.text, *self._ancestors(container))
        if self.st.region == "cip" and _CIP_END.search(clean.text.text):
            self.st.region = "cip-done"

    def _toc(self, block: Block) -> None:
        lang = "zh" if self.st.region == "toc_zh" else "en"
        lines = [strip_inline(m).text for m in block.mapped_lines(self.source)]
        i = 0
        while i < len(lines):
            line = lines[i]
            parsed = parse_toc_line(line.text)
            if parsed is None and i + 1 < len(lines):  # an entry wrapped over two lines
                joined = line + Mapped("\n", (line.origin[-1] + 1,)) + lines[i + 1]
                if parse_toc_line(joined.text) is not None:
                    line, parsed = joined, parse_toc_line(joined.text)
                    i += 1
            i += 1
            if parsed is None:
                self.warnings.append(f"{self.path}: table-of-contents line without a page: {line.text!r}")
                continue
            self._toc_entry(lang, line, parsed)

    def _toc_entry(self, lang: str, line: Mapped, e: TocLine) -> None:
        prefix = line[e.entry_span[0] : e.title_span[0]].squash_spaces()
        title = collapse_letterspacing(line[e.title_span[0] : e.title_span[1]].squash_spaces())
        between = line[e.entry_span[1] : e.page_span[0]]
        ws = [k for k, ch in enumerate(between.text) if ch.isspace()]
        gap_origin = between.origin[ws[0]] if ws else line.origin[e.page_span[0] - 1]
        shown = prefix + title + Mapped(" ", (gap_origin,)) + line[e.page_span[0] : e.page_span[1]]
        e.title = _tidy_title(title.text)
        entries = self.toc[lang]
        assign_chapters([x for x, _ in entries] + [e])
        toc_node = self.st.container
        node = self._node("toc-entry", entry_id(lang, e), toc_node.id, number=e.number, lang=lang)
        if any(n.id == node.id for n in self.nodes[:-1]):
            node.id = f"{node.id}-{len(entries) + 1}"
        node.title, node.titles, node.page = e.title, {lang: e.title}, e.page
        node.attributes = {"level": e.level}
        if e.chapter:
            node.attributes["chapter"] = e.chapter
        if e.key:
            node.attributes["key"] = e.key
        if entries:
            self.out.separator("\n")
            node.start, node.end = self.out.append(shown)
        else:
            node.start, node.end = self._emit(shown)
        self._extend(toc_node, self.front)
        entries.append((e, node))

    def _align_toc(self) -> None:
        """Pair the 目录 and Contents entries (once both have been read)."""
        zh, en = self.toc["zh"], self.toc["en"]
        if not zh or not en or self.toc_aligned:
            return
        self.toc_aligned = True
        pairs = align_toc([e for e, _ in zh], [e for e, _ in en])
        for i, j in pairs:
            (ze, zn), (ee, en_node) = zh[i], en[j]
            titles = {"zh": ze.title, "en": ee.title}
            zn.titles = en_node.titles = titles
            self.alignments.append(Alignment(kind="toc", source=zn.id, target=en_node.id))
            if ze.page != ee.page:
                self.warnings.append(f"{self.path}: {zn.id} is on page {ze.page}, {en_node.id} on {ee.page}")
            self.titles[entry_key(ze)] = (titles, ze.page)
        aligned_zh = {i for i, _ in pairs}
        for i, (_, zn) in enumerate(zh):
            if i not in aligned_zh:
                self.warnings.append(f"{self.path}: 目录 entry {zn.id} has no Contents counterpart")

    # -- the walk ------------------------------------------------------------------------------
    def run(self, blocks: list[Block]) -> Document:
        for block in blocks:
            if block.kind == "heading":
                self._heading(block)
            elif block.kind == "separator":
                if self.st.region in ("title-page", "cip", "cip-done", "colophon"):
                    if self.st.region == "cip-done":
                        self._start_colophon()
                    self._break(None)
                else:
                    self.st.page_ended = True
            elif block.kind == "footnote" and self.st.region in ("preface_zh", "preface_en", "chapter"):
                self.notes.append(_Note(block.marker, block, self.st.sheet, self.st.page))
                self.st.page_ended = True
            elif self.st.region.startswith("toc"):
                self._toc(block)
            elif self.st.region in ("preface_zh", "preface_en", "chapter"):
                self._body_text(block)
            else:
                self._front_text(block)
        self._align_toc()
        if self.st.paragraph and self.st.paragraph.open:
            self.warnings.append(
                f"{self.path}: the text ends inside a paragraph ({self.st.paragraph.node.id})"
            )
        footnotes = self._notes()
        return self._document(footnotes)

    def _notes(self) -> list[Footnote]:
        """Emit the footnote bodies in a notes area and link each to the anchor on its page."""
        if not self.notes:
            return []
        self._break(None)
        area = self._node("div", "notes", None, attributes={"role": "footnotes"})
        used: set[int] = set()
        footnotes: list[Footnote] = []
        for k, note in enumerate(self.notes):
            lines = note.block.mapped_lines(self.source)
            marker, first = split_footnote(lines[0])
            clean = self._lines([first, *lines[1:]], hard=False)
            body = clean.text
            space = Mapped(" ", (self.out.whitespace_after(marker.origin[0]),)) if marker.text else marker
            if k == 0:
                self._emit(marker + space)
            else:
                self.out.separator("\n")
                self.out.append(marker + space)
            start, end = self.out.append(body)
            area.end = end
            sheet_anchors = [
                i
                for i, (mk, _, sh) in enumerate(self.anchors)
                if i not in used and (mk, sh) == (note.marker, note.sheet)
            ]
            anchor = sheet_anchors[0] if sheet_anchors else None
            n = CIRCLED.index(note.marker) + 1
            if anchor is None:
                self.warnings.append(f"{self.path}: footnote {note.marker} (page {note.page}) has no anchor")
            else:
                used.add(anchor)
            emphasis = clean.emphasis
            footnotes.append(
                Footnote(
                    marker=note.marker,
                    anchor=self.anchors[anchor][1] if anchor is not None else start,
                    start=start,
                    end=end,
                    text=body.text,
                    id=f"fn-p{note.page}-{n}" if note.page is not None else f"fn-s{note.sheet}-{n}",
                    page=note.page,
                    citation=parse_citation(body.text, emphasis),
                )
            )
        for i, (mk, off, _) in enumerate(self.anchors):
            if i not in used:
                self.warnings.append(f"{self.path}: footnote anchor {mk} at offset {off} has no body")
        return footnotes

    def _preface_alignments(self) -> None:
        paras = {
            lang: [n for n in self.nodes if n.type == "paragraph" and n.parent == f"preface-{lang}"]
            for lang in ("zh", "en")
        }
        text = self.out.text()
        pairs = align_paragraphs(
            [text[n.start : n.end] for n in paras["zh"]], [text[n.start : n.end] for n in paras["en"]]
        )
        for i, j, score in pairs:
            zh, en = paras["zh"][i], paras["en"][j]
            zh.attributes["aligned_score"] = en.attributes["aligned_score"] = score
            self.alignments.append(Alignment(kind="paragraph", source=zh.id, target=en.id))

    def _document(self, footnotes: list[Footnote]) -> Document:
        text = self.out.text()
        for n in self.nodes:
            if n.type == "paragraph":
                n.lang = dominant_lang(text[n.start : n.end])
        self._preface_alignments()
        region = {"title-page": "title-page", "cip": "cip", "colophon": "colophon"}
        parts = {
            k: "\n".join(text[n.start : n.end] for n in self.nodes if n.id == v) for k, v in region.items()
        }
        biblio = parse_bibliographic(parts["title-page"], parts["cip"], parts["colophon"])
        for err in biblio["errors"]:
            self.warnings.append(f"{self.path}: {err}")
        prov = self.entry.provenance
        metadata = {
            "title": self.entry.title,
            "languages": self.entry.languages,
            "date": self.entry.date,
            "source": prov.get("source"),
            "licence": prov.get("licence"),
            "completeness": prov.get("completeness"),
            "path": str(self.path),
            "bibliographic": biblio,
        }
        return Document(
            id=self.entry.id,
            kind=DocumentKind.BOOK.value,
            text=text,
            metadata=metadata,
            segments=segment_languages(text),
            structure=self.nodes,
            footnotes=footnotes,
            page_breaks=self.breaks,
            alignments=self.alignments,
            offset_map=self.out.offset_map(),
            warnings=self.warnings,
        )


def ingest(path: Path, entry: CatalogueEntry) -> Document:
    """Ingest the book-text conversion at `path` described by catalogue `entry`."""
    source = read_text(path)
    blocks = split_blocks(source)
    if not any(b.kind == "heading" for b in blocks):
        raise IngestError(str(path), "no Markdown headings ('#'): not a book-text conversion")
    return _BookAssembler(source, path, entry).run(blocks)
