"""Align the English and Chinese texts of one treaty: preamble ↔ preamble, article N ↔ article N.

Numbered paragraphs inside an aligned article are aligned too when both sides number them the same.
"""

from __future__ import annotations

from foedus.errors import IngestError
from foedus.model import Alignment, Document, StructureNode


def _by_number(doc: Document, type_: str) -> dict[str, StructureNode]:
    out: dict[str, StructureNode] = {}
    for node in doc.structure:
        if node.type == type_ and node.number and node.number not in out:
            out[node.number] = node
    return out


def _numbered_children(doc: Document, parent: str) -> dict[str, StructureNode]:
    return {n.number: n for n in doc.structure if n.parent == parent and n.number}


def align_articles(en: Document, zh: Document) -> list[Alignment]:
    """Alignments from `en`'s nodes to `zh`'s nodes (target_document = zh.id), matched by number."""
    work_en, work_zh = en.metadata.get("work"), zh.metadata.get("work")
    if work_en != work_zh:
        raise IngestError(zh.id, f"cannot align: {en.id} is work {work_en!r} but {zh.id} is work {work_zh!r}")
    out: list[Alignment] = []
    pre_en, pre_zh = en.nodes("preamble"), zh.nodes("preamble")
    if pre_en and pre_zh:
        out.append(Alignment("article", pre_en[0].id, pre_zh[0].id, zh.id))
    zh_articles = _by_number(zh, "article")
    en_articles = _by_number(en, "article")
    for number in sorted(set(en_articles) & set(zh_articles), key=int):
        source, target = en_articles[number], zh_articles[number]
        out.append(Alignment("article", source.id, target.id, zh.id))
        en_paras, zh_paras = _numbered_children(en, source.id), _numbered_children(zh, target.id)
        for marker in sorted(en_paras.keys() & zh_paras.keys()):
            out.append(Alignment("paragraph", en_paras[marker].id, zh_paras[marker].id, zh.id))
    return out
