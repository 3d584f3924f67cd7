"""`foedus_sentences`: spaCy's sentencizer rule, computed on token arrays instead of Token objects.

A sentence starts at the first word (neither punctuation nor a `punct_chars` token) that follows a
`punct_chars` token, exactly as spaCy's `sentencizer` decides; the starts are set on the Doc
(`doc.sents` works) and their character offsets are kept for the other components.
"""

from __future__ import annotations

import numpy
from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from foedus.annotate.found import set_sentence_starts
from foedus.errors import AnnotateError

_NOT_START = numpy.uint64(2**64 - 1)  # -1 (not a sentence start) as SENT_START's uint64


class SentenceSplitter:
    def __init__(self, nlp: Language, name: str, punct_chars: list[str]) -> None:
        if not punct_chars:
            raise AnnotateError(f"[components.{name}] punct_chars: at least one character is needed")
        self.name = name
        self.vocab = nlp.vocab
        self.punct_chars = list(punct_chars)
        self.punct_ids = numpy.array([nlp.vocab.strings.add(c) for c in punct_chars], dtype="uint64")
        self.end_ids = frozenset(int(i) for i in self.punct_ids)
        self.skipped: dict[int, bool] = {}  # orth -> punctuation or a punct_chars token (lexeme facts)

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            set_sentence_starts(doc, [])
            return doc
        orth = doc.to_array(ORTH)
        is_end = orth == self.punct_ids[0]
        for punct in self.punct_ids[1:]:  # a few ids: cheaper than numpy.isin's sort on short docs
            is_end |= orth == punct
        starts = []
        skipped = self.skipped
        after = 0  # no token before it can start a sentence (the first one always does)
        # The first word (neither punctuation nor a punct_chars token) after a punct_chars token starts a
        # sentence: only the few tokens following each punct_chars token are looked at.
        for i in numpy.flatnonzero(is_end).tolist():
            j = i + 1
            if j < after:
                continue
            while j < n:
                o = int(orth[j])
                skip = skipped.get(o)
                if skip is None:
                    skip = skipped[o] = o in self.end_ids or self.vocab[o].is_punct
                if not skip:
                    break
                j += 1
            if j < n:
                starts.append(j)
            after = j + 1
        flags = numpy.full(n, _NOT_START, dtype="uint64")
        flags[0] = 1
        if starts:
            flags[starts] = 1
        doc.from_array([SENT_START], flags.reshape(-1, 1))
        set_sentence_starts(doc, [0, *(doc[i].idx for i in starts)])
        return doc


@Language.factory("foedus_sentences", default_config={"punct_chars": [".", "!", "?"]})
def make_sentence_splitter(nlp: Language, name: str, punct_chars: list[str]) -> SentenceSplitter:
    return SentenceSplitter(nlp, name, punct_chars)
