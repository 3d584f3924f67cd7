"""The token segmentation every token-based export shares: spaCy blank pipelines, jieba for zh.

Chinese text is segmented by jieba (through spaCy's Chinese tokenizer), so tokens match the ones
the annotators matched on; anything else by spaCy's English rules.  A document takes the
tokenizer of its main language (the language of most of its characters).
"""

from __future__ import annotations

from collections import Counter
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from foedus.model import Document

ZH_CONFIG = {"nlp": {"tokenizer": {"segmenter": "jieba"}}}


@cache
def pipeline(lang: str) -> Language:
    """A blank pipeline with a sentencizer (which also splits on 。！？)."""
    nlp = spacy.blank("zh", config=ZH_CONFIG) if lang == "zh" else spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def main_language(doc: Document) -> str:
    """The language of most of the document's characters (`zh` or `en`)."""
    sizes: Counter[str] = Counter()
    for seg in doc.segments:
        sizes[seg.lang] += seg.end - seg.start
    for lang in doc.metadata.get("languages") or []:
        sizes[lang] += 0
    best = next((lang for lang, _ in sizes.most_common() if lang in ("zh", "en")), None)
    if best is None:
        best = "zh" if sum(1 for ch in doc.text[:2000] if "\u4e00" <= ch <= "\u9fff") > 20 else "en"
    return best


def tokenize(doc: Document) -> Doc:
    """The document as a spaCy Doc (tokens and sentences); `spacy_doc.text == doc.text`."""
    nlp = pipeline(main_language(doc))
    return nlp(doc.text)
