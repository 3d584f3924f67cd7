"""Minimal Documents straight from a raw corpus file, for when `foedus.ingest` cannot ingest it.

Canonical text = the raw text (no offset map); segments by paragraph script (CJK -> zh, else en);
`paragraph` nodes per blank-line block; `preface`/`chapter`/`section` nodes from markdown headings.
"""

from __future__ import annotations

import re
from pathlib import Path

from foedus.corpus.catalogue import CatalogueEntry
from foedus.ingest.plain import entry_metadata
from foedus.model import Document, Segment, StructureNode

CJK = re.compile(r"[\u3400-\u9fff]")
HEADING = re.compile(r"^(#+)\s*(.+)$")


def block_lang(block: str) -> str:
    letters = sum(ch.isalpha() for ch in block)
    return "zh" if letters and len(CJK.findall(block)) / letters > 0.3 else "en"


def raw_document(path: Path, entry: CatalogueEntry) -> Document:
    text = path.read_text(encoding="utf-8")
    segments: list[Segment] = []
    nodes: list[StructureNode] = []
    headings: list[tuple[int, int, str]] = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]*)*", text):
        s, e = m.span()
        if not m.group(0).strip():
            continue
        lang = block_lang(m.group(0))
        if segments and segments[-1].lang == lang and text[segments[-1].end : s].strip() == "":
            segments[-1] = Segment(segments[-1].start, e, lang)
        else:
            segments.append(Segment(s, e, lang))
        nodes.append(StructureNode("paragraph", s, e, id=f"p{len(nodes)}", lang=lang))
        h = HEADING.match(m.group(0))
        if h:
            headings.append((s, len(h.group(1)), h.group(2)))
    for i, (s, level, title) in enumerate(headings):
        end = next((hs for hs, hl, _ in headings[i + 1 :] if hl <= level), len(text))
        compact = title.replace(" ", "")
        type_ = "preface" if compact in ("前言", "Preface") else "chapter" if level == 1 else "section"
        nodes.append(StructureNode(type_, s, end, id=f"h{i}", title=title))
    return Document(
        id=entry.id,
        kind=entry.kind,
        text=text,
        metadata=entry_metadata(entry),
        segments=segments,
        structure=nodes,
    )
