"""Annotate a whole `Document`: each language segment through its pipeline, offsets mapped back."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from foedus.annotate.anchoring import anchor_all
from foedus.annotate.context import Scope, SegmentContext
from foedus.annotate.found import CONTEXT_KEY, FOUND_KEY, TEXT_KEY, sentence_bounds
from foedus.annotate.pipelines import Pipelines, load_pipelines
from foedus.annotate.region_context import RegionLexicon, fill_regions
from foedus.model import Annotation, Document, Segment

BATCH_SIZE = 64


def segment_context(doc: Document, seg: Segment) -> SegmentContext:
    scopes = [
        Scope(max(n.start, seg.start) - seg.start, min(n.end, seg.end) - seg.start, n.type, n.number)
        for n in doc.structure
        if n.start < seg.end and seg.start < n.end
    ]
    meta = doc.metadata
    return SegmentContext(
        document=doc.id,
        kind=str(doc.kind),
        lang=seg.lang,
        date=meta.get("date"),
        parties=list(meta.get("parties") or []),
        work=meta.get("work"),
        scopes=scopes,
    )


def segment_doc(nlp: Language, text: str, context: SegmentContext) -> Doc:
    """A segment's Doc as the components expect it: tokenized, its text and context in `user_data`."""
    sdoc = nlp.make_doc(text)
    sdoc.user_data[TEXT_KEY] = text  # spares spaCy rebuilding the string from its tokens
    sdoc.user_data[CONTEXT_KEY] = context
    return sdoc


def annotate_document(doc: Document, pipelines: Pipelines | None = None) -> list[Annotation]:
    """All annotations of `doc`, sorted by offset; never across a segment boundary."""
    pipelines = pipelines or load_pipelines()
    annotations: list[Annotation] = []
    sentences: list[tuple[int, int]] = []
    regions: dict[str, RegionLexicon] = {}
    for lang in ("zh", "en"):
        nlp = pipelines.for_lang(lang)
        segs = [s for s in doc.segments if s.lang == lang and s.end > s.start]
        if nlp is None or not segs:
            continue
        if "foedus_threats" in nlp.pipe_names:
            regions[lang] = nlp.get_pipe("foedus_threats").region_lexicon
        docs = [segment_doc(nlp, doc.text[seg.start : seg.end], segment_context(doc, seg)) for seg in segs]
        for seg, sdoc in zip(segs, nlp.pipe(docs, batch_size=BATCH_SIZE), strict=True):
            sentences += [(s + seg.start, e + seg.start) for s, e in sentence_bounds(sdoc)]
            for f in sdoc.user_data.get(FOUND_KEY, []):
                start, end = f.start + seg.start, f.end + seg.start
                annotations.append(
                    Annotation(
                        document=doc.id,
                        start=start,
                        end=end,
                        text=doc.text[start:end],
                        label=str(f.label),
                        entity=f.entity,
                        attributes=dict(f.attributes),
                        rule=f.rule,
                        annotator=f.annotator,
                        confidence=f.confidence,
                        lang=lang,
                    )
                )
    sentences.sort()
    anchor_all(doc, annotations, sentences)
    fill_regions(doc, annotations, regions)
    annotations.sort(key=lambda a: (a.start, -a.end, a.label))
    return annotations
