"""Region fallback for THREAT: no region word in the sentence -> the paragraph's, else the section title's."""

from __future__ import annotations

from dataclasses import dataclass

from foedus.annotate.anchoring import paragraph_bounds
from foedus.annotate.regions import RegionFinder
from foedus.model import Annotation, Document, Label, StructureNode

TITLED_TYPES = ("section", "div", "chapter")


@dataclass(frozen=True)
class RegionLexicon:
    """One language's region finders: `words` for sentences and paragraphs, `titles` (+ topics) for titles."""

    words: RegionFinder
    titles: RegionFinder
    parents: dict[str, str]

    def agreed(self, regions: set[str]) -> str | None:
        """The one region `regions` agree on: itself when single, else their common parent, else None."""
        if len(regions) == 1:
            return next(iter(regions))
        parents = {self.parents.get(r, r) for r in regions}
        return parents.pop() if len(parents) == 1 else None


def titled_section(doc: Document, offset: int) -> StructureNode | None:
    """The innermost `section`/`div`/`chapter` node holding `offset` that has a title."""
    nodes = [
        n
        for n in doc.structure
        if n.type in TITLED_TYPES and n.start <= offset < n.end and (n.title or n.titles)
    ]
    return min(nodes, key=lambda n: n.end - n.start) if nodes else None


def paragraph_region(doc: Document, lexicon: RegionLexicon, offset: int) -> str | None:
    """The region the region words of the paragraph holding `offset` agree on, or None."""
    start, end = paragraph_bounds(doc, offset)
    return lexicon.agreed({region for _, region in lexicon.words.hits(doc.text, start, end)})


def section_region(doc: Document, lexicon: RegionLexicon, offset: int, lang: str) -> str | None:
    """The region the title of the section holding `offset` names (region and topic words), or None."""
    node = titled_section(doc, offset)
    if node is None:
        return None
    title = node.titles.get(lang) or node.title or ""
    return lexicon.agreed({region for _, region in lexicon.titles.hits(title, 0, len(title))})


def fill_regions(doc: Document, annotations: list[Annotation], lexicons: dict[str, RegionLexicon]) -> None:
    """Set `region`/`region_source` of every THREAT in place (`region_source` null when no region)."""
    for a in annotations:
        if a.label != Label.THREAT:
            continue
        if a.attributes.get("region"):
            a.attributes["region_source"] = "sentence"
            continue
        lexicon = lexicons.get(a.lang)
        region, source = None, None
        if lexicon is not None:
            region = paragraph_region(doc, lexicon, a.start)
            source = "paragraph" if region else None
            if region is None:
                region = section_region(doc, lexicon, a.start, a.lang)
                source = "section" if region else None
        a.attributes["region"] = region
        a.attributes["region_source"] = source
