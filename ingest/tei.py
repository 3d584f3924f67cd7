"""TEI P5: FRUS document extracts (one `div type="document"`) and Office of the Historian essays.

Canonical text: whitespace-normalised blocks (head, source note, dateline, paragraphs, list items,
block quotes) separated by blank lines, then a notes area holding each footnote body once.  A
footnote's anchor is where its `<note>` stood; a note reused through `note/@target` gets its own
anchor and points at the body of the note it reuses.  Dangling `ref/@target` links are kept as
plain text.  Malformed XML raises `IngestError(path, "malformed XML: line L, column C: ...")`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from foedus.corpus.catalogue import CatalogueEntry
from foedus.errors import IngestError
from foedus.ingest.plain import entry_metadata, script_segments
from foedus.model import Document, Footnote, PageBreak, StructureNode

TEI = "http://www.tei-c.org/ns/1.0"
FRUS = "http://history.state.gov/frus/ns/1.0"
NS = {"tei": TEI, "frus": FRUS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

# Elements whose content is one block of canonical text, and the node type each becomes.
_BLOCK_TYPES = {
    "p": "paragraph",
    "head": "head",
    "dateline": "dateline",
    "item": "paragraph",
    "seg": "paragraph",
    "signed": "paragraph",
    "salute": "paragraph",
    "trailer": "paragraph",
    "byline": "paragraph",
    "label": "paragraph",
    "cell": "paragraph",
}
# Elements that only hold blocks (their own loose text becomes a paragraph too).
_CONTAINERS = {
    "div",
    "body",
    "front",
    "back",
    "opener",
    "closer",
    "list",
    "attachment",
    "table",
    "row",
    "quote",
    "postscript",
}
_SKIPPED = {"figure", "graphic", "teiHeader", "fw"}
_ANCHOR, _PAGE = "\ue000", "\ue001"
_SPACES = re.compile(r"\s+")
_DOC_NUMBER = re.compile(r"^No\.\s*\d+\s*")


@dataclass
class _Block:
    text: str
    type: str
    parent: str | None
    attributes: dict[str, Any] = field(default_factory=dict)
    anchors: list[tuple[int, etree._Element]] = field(default_factory=list)
    pages: list[tuple[int, str | None]] = field(default_factory=list)
    element: etree._Element | None = None


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _clean(raw: str) -> tuple[str, list[int]]:
    """Normalise whitespace and remove sentinels; returns the text and each sentinel's offset."""
    collapsed = _SPACES.sub(" ", raw).strip()
    out: list[str] = []
    positions: list[int] = []
    for ch in collapsed:
        if ch in (_ANCHOR, _PAGE):
            positions.append(len(out))
        elif ch == " " and (not out or out[-1] == " "):
            continue
        else:
            out.append(ch)
    while out and out[-1] == " ":
        out.pop()
    text = "".join(out)
    return text, [min(p, len(text)) for p in positions]


class _Flattener:
    """Walks TEI elements and emits blocks; notes become anchors, `pb` page marks."""

    def __init__(self) -> None:
        self.blocks: list[_Block] = []
        self.buffer: list[str] = []
        self.marks: list[tuple[str, Any]] = []  # payload per sentinel, in order
        self.parents: list[str | None] = [None]
        self.attrs: list[dict[str, Any]] = [{}]
        self.pending_label = False
        self.div_count = 0

    def text(self, s: str | None) -> None:
        if s:
            self.buffer.append(s)

    def flush(self, type_: str = "paragraph", element: etree._Element | None = None) -> None:
        raw = "".join(self.buffer)
        marks, self.buffer, self.marks = self.marks, [], []
        self.pending_label = False
        text, positions = _clean(raw)
        if not text and not any(kind == "note" for kind, _ in marks):
            return
        block = _Block(text, type_, self.parents[-1], dict(self.attrs[-1]), element=element)
        for (kind, payload), pos in zip(marks, positions, strict=True):
            if kind == "note":
                block.anchors.append((pos, payload))
            else:
                block.pages.append((pos, payload))
        self.blocks.append(block)

    def walk(self, el: etree._Element) -> None:
        name = _local(el)
        if not name or name in _SKIPPED:
            pass
        elif name == "note":
            if el.get("type") == "source":
                self.flush()
                self.text(_inner_text(el))
                self.flush("source-note", el)
            else:
                self.buffer.append(_ANCHOR)
                self.marks.append(("note", el))
        elif name == "pb":
            self.buffer.append(_PAGE)
            self.marks.append(("page", el.get("n")))
        elif name == "lb":
            self.text(" ")
        elif name in _CONTAINERS:
            self._container(el, name)
        elif name in _BLOCK_TYPES:
            self._block(el, name)
        else:
            self.text(el.text)
            for child in el:
                self.walk(child)
        if name:
            self.text(el.tail)

    def _container(self, el: etree._Element, name: str) -> None:
        self.flush()
        pushed = False
        if name in ("div", "attachment") and el.get("type") != "document":
            self.div_count += 1
            div_id = el.get(XML_ID) or f"div-{self.div_count}"
            self.blocks.append(_Block("", "div", self.parents[-1], {"tei": name}, element=el))
            self.parents.append(div_id)
            self.attrs.append(dict(self.attrs[-1]))
            pushed = True
        elif name == "quote":
            self.attrs.append({**self.attrs[-1], "quote": True})
        self.text(el.text)
        for child in el:
            self.walk(child)
        self.flush()
        if pushed:
            self.parents.pop()
            self.attrs.pop()
            self.blocks.append(_Block("", "end-div", None))
        elif name == "quote":
            self.attrs.pop()

    def _block(self, el: etree._Element, name: str) -> None:
        if name == "label":
            self.flush()
            self.text(el.text)
            for child in el:
                self.walk(child)
            self.text(" ")
            self.pending_label = True
            return
        if not (name == "item" and self.pending_label):
            self.flush()
        self.text(el.text)
        for child in el:
            self.walk(child)
        type_ = _BLOCK_TYPES[name]
        if name == "item":
            self.attrs.append({**self.attrs[-1], "list_item": True})
            self.flush(type_, el)
            self.attrs.pop()
        else:
            self.flush(type_, el)


def _inner_text(el: etree._Element) -> str:
    """All text inside `el` except nested notes, whitespace-normalised."""
    parts: list[str] = []

    def visit(node: etree._Element) -> None:
        if node is not el and _local(node) == "note":
            parts.append(node.tail or "")
            return
        parts.append(node.text or "")
        for child in node:
            visit(child)
        if node is not el:
            parts.append(node.tail or "")

    visit(el)
    return _clean("".join(parts))[0]


def parse_xml(path: Path) -> etree._ElementTree:
    """Parse `path` safely (no entities, no network); malformed XML becomes an IngestError."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
    try:
        return etree.parse(str(path), parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (exc.lineno, 0)
        raise IngestError(str(path), f"malformed XML: line {line}, column {column}: {exc.msg}") from None
    except OSError as exc:
        raise IngestError(str(path), f"cannot read file ({exc})") from None


class _Assembler:
    """Lays blocks out as canonical text and builds nodes, footnotes and page breaks."""

    def __init__(self, root_id: str) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.nodes: list[StructureNode] = []
        self.footnotes: list[Footnote] = []
        self.page_breaks: list[PageBreak] = []
        self.anchors: list[tuple[int, etree._Element]] = []
        self.counts: dict[str, int] = {}
        self.root_id = root_id
        self.open_divs: list[StructureNode] = []

    def place(self, text: str) -> tuple[int, int]:
        if self.parts:
            self.parts.append("\n\n")
            self.length += 2
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start, self.length

    def next_id(self, prefix: str) -> str:
        self.counts[prefix] = self.counts.get(prefix, 0) + 1
        return f"{prefix}-{self.counts[prefix]}"

    def add_blocks(self, blocks: list[_Block], div_titles: bool) -> None:
        pending_div_title = False
        for block in blocks:
            if block.type == "div":
                div = StructureNode(
                    type="div",
                    start=self.length + (2 if self.parts else 0),
                    end=self.length,
                    id=(block.element.get(XML_ID) if block.element is not None else None)
                    or self.next_id("div"),
                    parent=block.parent or self.root_id,
                    attributes=block.attributes,
                )
                self.nodes.append(div)
                self.open_divs.append(div)
                pending_div_title = True
                continue
            if block.type == "end-div":
                div = self.open_divs.pop()
                div.end = max(div.start, self.length)
                continue
            if not block.text:
                start = end = self.length
            else:
                start, end = self.place(block.text)
            for pos, note in block.anchors:
                self.anchors.append((start + pos, note))
            for pos, page in block.pages:
                self.page_breaks.append(
                    PageBreak(start + pos, int(page) if page and page.isdigit() else None)
                )
            if not block.text:
                continue
            parent = self.open_divs[-1].id if self.open_divs else self.root_id
            type_ = block.type
            if type_ == "head" and self.open_divs:
                type_ = "heading"
                if div_titles and pending_div_title:
                    self.open_divs[-1].title = block.text
            pending_div_title = False
            node_id = {"head": "head", "source-note": "source-note", "dateline": "dateline"}.get(type_)
            if node_id is None or any(n.id == node_id for n in self.nodes):
                node_id = self.next_id({"heading": "h", "dateline": "dateline"}.get(type_, "p"))
            self.nodes.append(
                StructureNode(
                    type=type_, start=start, end=end, id=node_id, parent=parent, attributes=block.attributes
                )
            )

    def add_notes(self) -> None:
        """Append each note body once in a notes area and tie every anchor to its body."""
        if not self.anchors:
            return
        bodies: dict[str, Footnote] = {}
        notes_start: int | None = None
        reused: list[tuple[int, etree._Element]] = []
        for anchor, note in self.anchors:
            if note.get("target") and not note.get(XML_ID):
                reused.append((anchor, note))
                continue
            marker = note.get("n") or str(len(self.footnotes) + 1)
            body = _inner_text(note)
            start, end = self.place(f"{marker} {body}")
            notes_start = start if notes_start is None else notes_start
            fn = Footnote(
                marker=marker,
                anchor=anchor,
                start=start + len(marker) + 1,
                end=end,
                text=body,
                id=note.get(XML_ID) or f"fn-{len(self.footnotes) + 1}",
            )
            self.footnotes.append(fn)
            bodies[fn.id] = fn
        for k, (anchor, note) in enumerate(reused, 1):
            target = note.get("target", "").lstrip("#")
            original = bodies.get(target)
            marker = note.get("n") or (original.marker if original else "?")
            if original is None:  # the note it reuses is not in this file: give it its own body
                body = _inner_text(note)
                start, end = self.place(f"{marker} {body}")
                notes_start = start if notes_start is None else notes_start
                self.footnotes.append(
                    Footnote(marker, anchor, start + len(marker) + 1, end, body, f"fn-ref-{k}")
                )
                continue
            self.footnotes.append(
                Footnote(
                    marker,
                    anchor,
                    original.start,
                    original.end,
                    original.text,
                    f"{target}-ref-{k}",
                    citation={"reuses": target},
                )
            )
        self.footnotes.sort(key=lambda f: f.anchor)
        if notes_start is not None:
            self.nodes.append(
                StructureNode(
                    type="notes", start=notes_start, end=self.length, id="notes", parent=self.root_id
                )
            )

    def text(self) -> str:
        return "".join(self.parts)


def _date_part(value: str | None) -> str | None:
    return value[:10] if value else None


def _frus_metadata(div: etree._Element, root: etree._Element, path: Path) -> dict[str, Any]:
    volume = root.findtext(".//tei:sourceDesc//tei:idno[@type='frus']", namespaces=NS)
    doc_id = div.get(XML_ID)
    url = next(
        (
            r.get("target")
            for r in root.iterfind(".//tei:sourceDesc//tei:ref", NS)
            if (r.get("target") or "").startswith("http")
        ),
        None,
    )
    if volume is None:
        volume = path.name.split("_", 1)[0] if "_" in path.name else None
    if url is None and volume and doc_id:
        url = f"https://history.state.gov/historicaldocuments/{volume}/{doc_id}"
    return {
        "volume": volume,
        "document": div.get("n"),
        "subtype": div.get("subtype"),
        "url": url,
        "id": doc_id,
    }


def _dateline(div: etree._Element) -> tuple[str | None, str | None]:
    """(place, ISO date) from the document's dateline."""
    dateline = div.find(".//tei:dateline", NS)
    if dateline is None:
        return None, None
    place_el = dateline.find(".//tei:placeName", NS)
    place = _inner_text(place_el).strip("[] ,") if place_el is not None else None
    date_el = dateline.find(".//tei:date", NS)
    when = date_el.get("when") if date_el is not None else None
    return place or None, when


def ingest(path: Path, entry: CatalogueEntry) -> Document:
    """Ingest a FRUS document extract or a milestones essay file."""
    root = parse_xml(path).getroot()
    if _local(root) != "TEI":
        raise IngestError(
            str(path), f"not a TEI file: root element is <{_local(root) or root.tag}>, expected <TEI>"
        )
    metadata = entry_metadata(entry)
    metadata["format"] = "tei"
    frus_div = root.find(".//tei:div[@type='document']", NS)
    flat = _Flattener()
    if frus_div is not None:
        flat.walk(frus_div)
    else:
        for part in root.iterfind("tei:text/*", NS):
            flat.walk(part)
    flat.flush()
    asm = _Assembler("doc")
    asm.add_blocks(flat.blocks, div_titles=frus_div is None)
    body_end = asm.length
    asm.add_notes()
    text = asm.text()
    if not text.strip():
        raise IngestError(str(path), "TEI file holds no text")
    asm.nodes.insert(0, StructureNode(type="document", start=0, end=body_end, id="doc"))

    if frus_div is not None:
        head = next((n for n in asm.nodes if n.type == "head"), None)
        title = _DOC_NUMBER.sub("", text[head.start : head.end]).strip() if head else None
        if head:
            head.title = title
        place, when = _dateline(frus_div)
        date_min = _date_part(frus_div.get(f"{{{FRUS}}}doc-dateTime-min"))
        date_max = _date_part(frus_div.get(f"{{{FRUS}}}doc-dateTime-max"))
        source_note = next((text[n.start : n.end] for n in asm.nodes if n.type == "source-note"), None)
        metadata.update(
            {
                "frus": _frus_metadata(frus_div, root, path),
                "document_title": title,
                "date": metadata["date"] or date_min or when,
                "date_min": date_min,
                "date_max": date_max,
                "dateline_date": when,
                "place": metadata["place"] or place,
                "dateline_place": place,
                "source_note": source_note,
            }
        )
        asm.nodes[0].title = title
    else:
        title = root.findtext(".//tei:titleStmt/tei:title[@type='complete']", namespaces=NS) or root.findtext(
            ".//tei:titleStmt/tei:title", namespaces=NS
        )
        metadata["document_title"] = _SPACES.sub(" ", title).strip() if title else None
        asm.nodes[0].title = metadata["document_title"]
    languages = list(entry.languages) or ["en"]
    return Document(
        id=entry.id,
        kind=entry.kind,
        text=text,
        metadata=metadata,
        segments=script_segments(text, languages),
        structure=asm.nodes,
        footnotes=asm.footnotes,
        page_breaks=sorted(asm.page_breaks, key=lambda p: p.offset),
    )
