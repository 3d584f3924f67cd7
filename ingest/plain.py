"""Plain text (a user's own document): paragraphs, Markdown-like headings, language runs by script.

The file is decoded incrementally (`decode.iter_text`), so a large file is never held twice as
bytes and text.  The canonical text is the decoded file text unchanged, so canonical offsets are
offsets into the decoded file.  The helpers `entry_metadata` and `script_segments` are shared by
the other ingesters.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from foedus.corpus.catalogue import CatalogueEntry
from foedus.errors import IngestError
from foedus.ingest.decode import iter_text
from foedus.model import Document, Segment, StructureNode

_CJK = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
)
# Characters that belong to no script (digits, punctuation, spaces): they join the run around them.
_NEUTRAL = r"\s\d.,;:!?()\[\]{}<>\"'“”‘’«»\-–—/\\%&*+=#@_·•…°§|~^`$"
_CJK_RUN = re.compile(f"[{_CJK}](?:[{_CJK}{_NEUTRAL}]*[{_CJK}])?")
_LETTER = re.compile(r"[^\W\d_]")
_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")
_ATX_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
_SETEXT_UNDERLINE = re.compile(r"^(=+|-+)[ \t]*$")
_KANA = re.compile("[\u3040-\u30ff]")


def entry_metadata(entry: CatalogueEntry) -> dict[str, Any]:
    """The catalogue fields every ingested document carries in its metadata."""
    prov = entry.provenance or {}
    return {
        "title": dict(entry.title),
        "languages": list(entry.languages),
        "date": entry.date,
        "parties": list(entry.parties),
        "party_names": list(entry.party_names),
        "work": entry.work,
        "place": entry.place,
        "source": prov.get("source"),
        "licence": prov.get("licence"),
        "completeness": prov.get("completeness"),
        "note": prov.get("note"),
    }


def _languages(entry_langs: list[str]) -> tuple[str, str]:
    """(language of CJK runs, language of the other runs) for a document in `entry_langs`."""
    cjk = next((lang for lang in entry_langs if lang in ("zh", "ja", "ko")), "zh")
    latin = next((lang for lang in entry_langs if lang not in ("zh", "ja", "ko")), "en")
    return cjk, latin


def script_segments(text: str, languages: list[str], start: int = 0, end: int | None = None) -> list[Segment]:
    """Language runs of text[start:end] by script: CJK runs vs. runs holding Latin letters.

    Runs of digits and punctuation only join the run before them (or after, at the start).
    """
    end = len(text) if end is None else end
    cjk_lang, latin_lang = _languages(languages)
    if cjk_lang == "zh" and "ja" in languages and _KANA.search(text, start, end):
        cjk_lang = "ja"
    raw: list[Segment] = []
    pos = start
    for m in _CJK_RUN.finditer(text, start, end):
        if m.start() > pos:
            lang = latin_lang if _LETTER.search(text, pos, m.start()) else ""
            raw.append(Segment(pos, m.start(), lang))
        raw.append(Segment(m.start(), m.end(), cjk_lang))
        pos = m.end()
    if pos < end:
        raw.append(Segment(pos, end, latin_lang if _LETTER.search(text, pos, end) else ""))
    merged: list[Segment] = []
    for seg in raw:
        if merged and (not seg.lang or seg.lang == merged[-1].lang):
            merged[-1] = Segment(merged[-1].start, seg.end, merged[-1].lang)
        elif merged and not merged[-1].lang:
            merged[-1] = Segment(merged[-1].start, seg.end, seg.lang)
        else:
            merged.append(seg)
    default = languages[0] if languages else "und"
    return [Segment(s.start, s.end, s.lang or default) for s in merged]


def paragraph_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each run of non-blank lines in text[start:end] (blank lines separate)."""
    end = len(text) if end is None else end
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text, start, end)]


def _heading(text: str, start: int, end: int) -> tuple[int, str] | None:
    """(level, title) when the paragraph text[start:end] is a Markdown ATX or setext heading."""
    if end - start > 300:
        return None
    block = text[start:end].strip()
    lines = block.splitlines()
    if len(lines) == 1:
        m = _ATX_HEADING.match(lines[0].strip())
        if m:
            return len(m.group(1)), m.group(2).strip()
    if len(lines) == 2 and _SETEXT_UNDERLINE.match(lines[1].strip()) and lines[0].strip():
        return (1 if lines[1].strip()[0] == "=" else 2), lines[0].strip()
    return None


def read_stream(path: Path) -> str:
    """The whole decoded text of `path`, decoded chunk by chunk."""
    parts = list(iter_text(path))
    text = "".join(parts)
    del parts
    if not text.strip():
        raise IngestError(str(path), "file is empty")
    return text


def text_structure(text: str, languages: list[str]) -> list[StructureNode]:
    """Section/heading/paragraph nodes of a plain or Markdown-like text."""
    nodes: list[StructureNode] = []
    open_sections: list[tuple[int, StructureNode]] = []  # (level, node)
    n_heading = n_para = 0
    for start, end in paragraph_spans(text):
        heading = _heading(text, start, end)
        if heading:
            level, title = heading
            while open_sections and open_sections[-1][0] >= level:
                open_sections.pop()[1].end = _rstrip_end(text, start)
            n_heading += 1
            section = StructureNode(
                type="section",
                start=start,
                end=len(text),
                id=f"sec-{n_heading}",
                title=title,
                parent=open_sections[-1][1].id if open_sections else None,
                attributes={"level": level},
            )
            nodes.append(section)
            nodes.append(
                StructureNode(
                    type="heading",
                    start=start,
                    end=end,
                    id=f"sec-{n_heading}-h",
                    title=title,
                    parent=section.id,
                )
            )
            open_sections.append((level, section))
            continue
        n_para += 1
        nodes.append(
            StructureNode(
                type="paragraph",
                start=start,
                end=end,
                id=f"p-{n_para}",
                parent=open_sections[-1][1].id if open_sections else None,
            )
        )
    for _, section in open_sections:
        section.end = _rstrip_end(text, len(text))
    return nodes


def _rstrip_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def ingest(path: Path, entry: CatalogueEntry) -> Document:
    """Ingest a plain-text file (UTF-8, GB18030, Big5, UTF-16; BOM removed)."""
    text = read_stream(path)
    languages = list(entry.languages) or ["en"]
    metadata = entry_metadata(entry)
    metadata["format"] = "text"
    return Document(
        id=entry.id,
        kind=entry.kind,
        text=text,
        metadata=metadata,
        segments=script_segments(text, languages),
        structure=text_structure(text, languages),
    )
