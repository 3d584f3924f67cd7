"""Treaty texts: title, preamble, articles, numbered paragraphs, final clauses, signatures,
understandings/reservations and protocols.

The canonical text is the decoded file unchanged.  A file made of non-contiguous segments
(MANIFEST.json `segments`, or the segment offsets stated in its completeness note) is never read
as continuous text: every open part is closed at a segment boundary, and the first node after a
gap carries `attributes["gap_before"] = True`.  `treaty_structure` is also used by the PDF
ingester on text extracted from a treaty PDF.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from foedus.corpus.catalogue import CatalogueEntry
from foedus.ingest.decode import read_text
from foedus.ingest.plain import entry_metadata, paragraph_spans, script_segments
from foedus.ingest.treaty_articles import article_number, paragraph_marker, parse_heading
from foedus.model import Document, StructureNode

MANIFEST_NAME = "MANIFEST.json"

_FINAL_CLAUSE = re.compile(
    r"^(?:in\s+witness\s+whereof|in\s+faith\s+whereof|done\s+(?:at|in)\b|proclaimed\s+at\b|"
    r"为此[,，]?\s*(?:下列|.{0,12}全权代表)|以昭信守|下列签字|下列全权代表|[^,，。]{0,30}(?:订于|签订于|签字于)|本条约(?:用|以).{0,30}(?:写成|作成))",
    re.IGNORECASE,
)
_UNDERSTANDING = re.compile(r"^(?:understanding|reservation|declaration|interpretative\s+note)s?\b", re.I)
_PROTOCOL = re.compile(r"^(?:protocol\b|.{0,40}议定书$)", re.IGNORECASE)
_SIGNATURE = re.compile(r"^(?:for\s+(?:the\s+)?[A-Z].{0,120}:|.{1,30}(?:全权)?代表[:：])", re.IGNORECASE)
_ZH_DATELINE = re.compile(r"^[(（][^)）]{2,40}(?:年|日)[)）]$")
_NOTE_SEGMENT = re.compile(r"[Ss]egment\s+(\d+)\s*\((?:chars\s+(\d+)\s*-\s*(\d+)|from\s+char\s+(\d+))")
_HEADINGS_ABSENT = re.compile(r"heading[s]?\s+(?:absent|missing)|no\s+(?:article\s+)?headings", re.I)
_FIRST_ARTICLE = re.compile(r"Articles?\s+([IVXLC]+|\d+)")


@dataclass
class TreatyParse:
    """The structure nodes recovered from a treaty text and the article numbers found."""

    nodes: list[StructureNode] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    title: str | None = None


def manifest_entry(path: Path) -> dict[str, Any] | None:
    """The MANIFEST.json record of a treaty file (`treaties/<lang>/<id>.txt`), if there is one."""
    manifest = path.parent.parent / MANIFEST_NAME
    if not manifest.is_file():
        return None
    try:
        records = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    rel = f"{path.parent.name}/{path.name}"
    return next((r for r in records if isinstance(r, dict) and r.get("file") == rel), None)


def segment_table(record: dict[str, Any] | None, note: str | None, length: int) -> list[dict[str, Any]]:
    """Segments of the file as [{start, end, covers, source_url}], from the MANIFEST or the note."""
    raw: list[dict[str, Any]] = []
    if record and record.get("segments"):
        raw = [dict(s) for s in record["segments"]]
    else:
        text = " ".join(t for t in ((record or {}).get("completeness_note"), note) if t)
        found: dict[int, dict[str, Any]] = {}
        for m in _NOTE_SEGMENT.finditer(text):
            start = int(m.group(2) or m.group(4))
            found.setdefault(
                int(m.group(1)), {"start": start, "end": int(m.group(3)) if m.group(3) else None}
            )
        raw = [found[k] for k in sorted(found)]
    if not raw:
        raw = [{"start": 0}]
    raw.sort(key=lambda s: int(s.get("start", 0)))
    table = []
    for i, seg in enumerate(raw):
        nxt = int(raw[i + 1]["start"]) if i + 1 < len(raw) else length
        end = seg.get("end")
        table.append(
            {
                "start": int(seg.get("start", 0)),
                "end": min(int(end), length) if end is not None else nxt,
                "covers": seg.get("covers"),
                "source_url": seg.get("source_url"),
            }
        )
    return table


def inferred_first_article(record: dict[str, Any] | None) -> str | None:
    """When the source says the article headings are absent: the number of the first article."""
    if not record:
        return None
    for seg in record.get("segments") or []:
        covers = seg.get("covers") or ""
        if _HEADINGS_ABSENT.search(covers):
            m = _FIRST_ARTICLE.search(covers)
            return article_number(m.group(1)) if m else "1"
    return None


def _is_title(block: str) -> bool:
    line = block.strip()
    return (
        "\n" not in line
        and len(line) <= 400
        and not line.endswith((",", ";", ":", "，", "；", "："))
        and not line[:1].islower()
    )


def _short_heading(block: str) -> bool:
    line = block.strip()
    return "\n" not in line and len(line) <= 160 and not line.endswith((".", "。", ",", ";"))


class _Builder:
    """Accumulates nodes while walking the paragraphs of one treaty text."""

    def __init__(self, text: str, lang: str | None, prefix: str) -> None:
        self.text, self.lang, self.prefix = text, lang, prefix
        self.parse = TreatyParse()
        self.container: StructureNode | None = None
        self.children: dict[str, int] = {}
        self.ids: set[str] = set()
        self.gap_pending = False

    def unique(self, base: str) -> str:
        candidate, k = self.prefix + base, 2
        while candidate in self.ids:
            candidate, k = f"{self.prefix}{base}-{k}", k + 1
        self.ids.add(candidate)
        return candidate

    def add(self, type_: str, start: int, end: int, base_id: str, **kw: Any) -> StructureNode:
        node = StructureNode(type=type_, start=start, end=end, id=self.unique(base_id), lang=self.lang, **kw)
        if self.gap_pending:
            node.attributes["gap_before"] = True
            self.gap_pending = False
        self.parse.nodes.append(node)
        return node

    def open(self, type_: str, start: int, end: int, base_id: str, **kw: Any) -> StructureNode:
        self.close()
        self.container = self.add(type_, start, end, base_id, **kw)
        self.children[self.container.id] = 0
        return self.container

    def close(self) -> None:
        self.container = None

    def child(self, start: int, end: int) -> StructureNode:
        """A paragraph inside the open container (or a fragment outside any, after a gap)."""
        parent = self.container
        if parent is None:
            return self.add("paragraph", start, end, "fragment", attributes={"fragment": True})
        self.children[parent.id] += 1
        parent.end = max(parent.end, end)
        type_ = "article-paragraph" if parent.type == "article" else "paragraph"
        return self.add(
            type_,
            start,
            end,
            f"{parent.id.removeprefix(self.prefix)}-p{self.children[parent.id]}",
            number=paragraph_marker(self.text[start:end]),
            parent=parent.id,
        )


def treaty_structure(
    text: str,
    spans: list[tuple[int, int]],
    lang: str | None,
    boundaries: list[int] | None = None,
    inferred_from: str | None = None,
    prefix: str = "",
) -> TreatyParse:
    """Recover the parts of a treaty from its paragraph spans (blank-line separated blocks).

    `boundaries` are offsets where a new non-contiguous segment starts; `inferred_from` is the
    number of the first article when the text has no article headings (paragraph = article).
    """
    b = _Builder(text, lang, prefix)
    cuts = sorted(x for x in (boundaries or []) if x > 0)
    seen_article = False
    prev_end = -1
    for index, (start, end) in enumerate(spans):
        if any(prev_end < cut <= start for cut in cuts):
            b.close()
            b.gap_pending = True
        prev_end = end
        block = text[start:end]
        first_line = block.split("\n", 1)[0]
        heading = parse_heading(first_line)

        if index == 0 and heading is None and _is_title(block):
            b.add("heading", start, end, "title", title=block.strip())
            b.parse.title = block.strip()
            continue
        if not seen_article and b.container is None and _ZH_DATELINE.match(block.strip()):
            b.add("dateline", start, end, "dateline")
            continue
        if inferred_from is not None:
            number = str(int(inferred_from) + len(b.parse.articles))
            b.open("article", start, end, f"art-{number}", number=number, attributes={"inferred": True})
            b.parse.articles.append(number)
            b.child(start, end)
            seen_article = True
            continue
        if heading is not None:
            seen_article = True
            art = b.open(
                "article",
                start,
                end,
                f"art-{heading.number}",
                number=heading.number,
                title=heading.text,
                attributes={"heading_end": start + heading.end},
            )
            b.parse.articles.append(heading.number)
            rest = start + heading.end
            while rest < end and text[rest].isspace():
                rest += 1
            if rest < end:
                b.child(rest, end)
            art.end = end
            continue
        stripped = block.strip()
        if _PROTOCOL.match(stripped) and _short_heading(block):
            b.open("protocol", start, end, "protocol", title=stripped)
            continue
        if b.container is not None and b.container.type == "protocol":
            b.child(start, end)
            continue
        if _UNDERSTANDING.match(stripped) and _short_heading(block):
            b.open("understanding", start, end, "understanding", title=stripped)
            continue
        if _FINAL_CLAUSE.match(stripped):
            if b.container is None or b.container.type != "final-clauses":
                b.open("final-clauses", start, end, "final-clauses")
            b.child(start, end)
            continue
        if b.container is not None and b.container.type in ("final-clauses", "signatures"):
            if b.container.type == "final-clauses" and _SIGNATURE.match(stripped):
                b.open("signatures", start, end, "signatures")
            b.child(start, end)
            continue
        if b.container is None and not seen_article and not any(n.type == "preamble" for n in b.parse.nodes):
            b.open("preamble", start, end, "preamble")
        b.child(start, end)
    return b.parse


def _trimmed_spans(text: str) -> list[tuple[int, int]]:
    out = []
    for start, end in paragraph_spans(text):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        out.append((start, end))
    return out


def article_coverage(found: list[str], expected: int | None) -> tuple[list[str], list[str]]:
    """(articles present, articles missing) as sorted arabic strings; never invents text."""
    present = sorted(set(found), key=int)
    missing = [str(i) for i in range(1, (expected or 0) + 1) if str(i) not in present]
    return present, missing


def ingest(path: Path, entry: CatalogueEntry) -> Document:
    """Ingest one treaty text file (`treaties/<lang>/<id>.txt`)."""
    text = read_text(path)
    record = manifest_entry(path)
    segments = segment_table(record, (entry.provenance or {}).get("note"), len(text))
    lang = entry.languages[0] if entry.languages else None
    parse = treaty_structure(
        text,
        _trimmed_spans(text),
        lang,
        boundaries=[s["start"] for s in segments],
        inferred_from=inferred_first_article(record),
    )
    present, missing = article_coverage(parse.articles, entry.articles_expected)
    metadata = entry_metadata(entry)
    metadata.update(
        {
            "format": "treaty-text",
            "title_line": parse.title,
            "segments": segments,
            "articles_expected": entry.articles_expected,
            "articles_present": present,
            "articles_missing": missing,
            "articles_inferred": any(n.attributes.get("inferred") for n in parse.nodes),
        }
    )
    return Document(
        id=entry.id,
        kind=entry.kind,
        text=text,
        metadata=metadata,
        segments=script_segments(text, list(entry.languages) or ["en"]),
        structure=parse.nodes,
    )
