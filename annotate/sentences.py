"""`foedus_sentences`: spaCy's sentencizer rule, computed on token arrays instead of Token objects.

A sentence starts at the first word (neither punctuation nor a `punct_chars` token) that follows a
`punct_chars` token, exactly as spaCy's `sentencizer` decides; the starts are set on the Doc
(`doc.sents` works) and their character offsets are kept for the other components.
"""

from __future__ import annotations

import numpy
from spacy.attrs import IS_PUNCT, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from foedus.annotate.found import set_sentence_starts
from foedus.errors import AnnotateError


class SentenceSplitter:
    def __init__(self, nlp: Language, name: str, punct_chars: list[str]) -> None:
        if not punct_chars:
            raise AnnotateError(f"[components.{name}] punct_chars: at least one character is needed")
        self.name = name
        self.punct_chars = list(punct_chars)
        self.punct_ids = numpy.array([nlp.vocab.strings.add(c) for c in punct_chars], dtype="uint64")

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            set_sentence_starts(doc, [])
            return doc
        rows = doc.to_array([ORTH, IS_PUNCT])
        orth = rows[:, 0]
        is_end = orth == self.punct_ids[0]
        for punct in self.punct_ids[1:]:  # a few ids: cheaper than numpy.isin's sort on short docs
            is_end |= orth == punct
        words = numpy.flatnonzero((rows[:, 1] == 0) & ~is_end)
        ends_before = numpy.cumsum(is_end)[words]  # punct_chars tokens up to each word
        previous = numpy.concatenate(([0], ends_before[:-1]))
        starts = words[ends_before > previous]
        flags = numpy.full(len(doc), -1, dtype="int64")
        flags[0] = 1
        flags[starts] = 1
        doc.from_array([SENT_START], flags.astype("uint64").reshape(-1, 1))
        set_sentence_starts(doc, [0, *(doc[i].idx for i in starts.tolist())])
        return doc


@Language.factory("foedus_sentences", default_config={"punct_chars": [".", "!", "?"]})
def make_sentence_splitter(nlp: Language, name: str, punct_chars: list[str]) -> SentenceSplitter:
    return SentenceSplitter(nlp, name, punct_chars)
