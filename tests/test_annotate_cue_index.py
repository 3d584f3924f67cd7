"""The shared cue machinery of the annotators (`annotate/prefilter.py`) and the fast paths built on it
give exactly what the plain scans give."""

from __future__ import annotations

import json
import re

import pytest

from foedus.annotate.document import segment_context, segment_doc
from foedus.annotate.evaluate import load_document
from foedus.annotate.found import FOUND_KEY, TEXT_KEY
from foedus.annotate.pipelines import build_blank
from foedus.annotate.prefilter import CueFilter, anchored_finditer, anchors
from foedus.annotate.regions import RegionFinder
from foedus.annotate.resources import load_toml

TEXTS = [
    "Southeast Asia and East Asia; the Far East, Asian and Asia-Pacific ties.  Eurasia is not Asia.",
    "NORTHEAST ASIA, northeast Asia, the north atlantic and North Atlantic area; Western Europe.",
    "world-wide, worldwide and WORLDWIDE: global; Inter-American and the Americas.",
    "Indo-China / Indochina\u2014Middle East.  Latin America, Western Hemisphere.",
    "the \u017fouth-East Asia (long s) and \u0130ndochina: scanned whole.",
    "",
]


def test_anchors_keep_only_the_shortest_prefixes():
    assert anchors(["Asia", "Asian", "asia-pacific", "East Asia", "EAST"]) == ("asia", "east")


@pytest.mark.parametrize("text", TEXTS)
def test_anchored_finditer_is_finditer(text):
    regions = load_toml("regions.toml")
    finder = RegionFinder(regions, "en")
    assert finder.starts is not None
    for start, end in [(0, len(text)), (3, len(text) - 5), (10, 40)]:
        end = max(start, end)
        plain = [(m.start(), m.group(0)) for m in finder.regex.finditer(text, start, end)]
        fast = [
            (m.start(), m.group(0)) for m in anchored_finditer(finder.regex, text, start, end, finder.starts)
        ]
        assert fast == plain


def test_anchored_finditer_skips_places_inside_a_match():
    regex = re.compile(r"(?i)\baa(?:a)*")
    text = "aaaa aa xaa AAA"
    got = [m.span() for m in anchored_finditer(regex, text, 0, len(text), ("aa",))]
    assert got == [m.span() for m in regex.finditer(text)]


class _Doc:
    """Enough of a spaCy Doc for CueFilter: user_data with the text and sentence starts."""

    def __init__(self, text: str, starts: list[int]) -> None:
        self.user_data = {TEXT_KEY: text, "foedus.sentence_starts": starts}
        self.text = text

    def __len__(self) -> int:
        return len(self.text)


def test_sentence_matches_are_the_matches_of_the_cue_sentences():
    names = ["World War II", "Second World War", "after the war", "postwar", "post-war"]
    regex = re.compile(
        r"\b(?:" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")\b", re.I
    )
    cues = CueFilter(names, fold=True, where="test")
    text = (
        "After the war, the postwar order.  Post-war and post-warfare.  "
        "The SECOND WORLD WAR ended; world war iii is no event.  None here.  After The War."
    )
    starts = [0] + [m.end() for m in re.finditer(r"\.\s+", text)]
    doc = _Doc(text, starts)
    plain = [(m.start(), m.group(0)) for s, e in cues.sentences(doc) for m in regex.finditer(text, s, e)]
    fast = [(m.start(), m.group(0)) for m in cues.sentence_matches(doc, regex)]
    assert fast == plain
    assert len(fast) >= 5


DOCS = ("xiao-2012-balance-of-threat", "nato-1949.en", "seato-1954.en", "frus1949v07p2-d324")


def _rows(doc):
    return [
        (f.start, f.end, f.label, f.rule, f.entity, json.dumps(f.attributes, sort_keys=True))
        for f in doc.user_data.get(FOUND_KEY, [])
    ]


def _run(nlp, segments):
    return [_rows(d) for d in nlp.pipe([segment_doc(nlp, text, ctx) for text, ctx in segments])]


@pytest.fixture(scope="module")
def en_segments(corpus_root):
    out = []
    for doc_id in DOCS:
        doc = load_document(doc_id, corpus_root)
        out += [(doc.text[s.start : s.end], segment_context(doc, s)) for s in doc.segments if s.lang == "en"]
    return out


@pytest.mark.parametrize("pipe,label", [("foedus_threats", "THREAT"), ("foedus_claims", "CLAIM")])
def test_starts_change_nothing(en_segments, pipe, label):
    fast, slow = build_blank("en"), build_blank("en")
    slow.get_pipe(pipe).use_starts = False
    rows = _run(fast, en_segments)
    assert sum(1 for r in rows for f in r if f[2] == label) > 10
    assert rows == _run(slow, en_segments)


def test_one_actor_matcher_finds_what_two_find(en_segments):
    fast, slow = build_blank("en"), build_blank("en")
    assert fast.get_pipe("foedus_actors").combined is not None
    slow.get_pipe("foedus_actors").combined = None
    rows = _run(fast, en_segments)
    assert sum(1 for r in rows for f in r if f[2] == "ACTOR") > 50
    assert rows == _run(slow, en_segments)
    # a case-sensitive name only as written: "US" is the United States, "us" is not
    nlp = build_blank("en")
    doc = nlp("The US and us.")
    assert [(f.start, f.end) for f in doc.user_data[FOUND_KEY] if f.label == "ACTOR"] == [(4, 6)]
