"""The fast paths of the annotators give what the slow ones give (on the real corpus), and CLAIM frames."""

from __future__ import annotations

import json

import pytest
import spacy
from rich.console import Console

from foedus.annotate import annotate_document
from foedus.annotate.document import segment_context
from foedus.annotate.evaluate import load_document, render
from foedus.annotate.found import CONTEXT_KEY, FOUND_KEY, TEXT_KEY, sentence_bounds
from foedus.annotate.pipelines import build_blank
from foedus.errors import AnnotateError
from foedus.model import Document, Segment

DOCS = (
    "xiao-2012-balance-of-threat",
    "nato-1949.en",
    "nato-1949.zh",
    "seato-1954.en",
    "us-philippines-1951.zh",
    "frus1949v07p2-d324",
)
PREFILTERED = ("foedus_dates", "foedus_events", "foedus_threats", "foedus_deontic", "foedus_claims")


@pytest.fixture(scope="module")
def segments(corpus_root):
    """(lang, text, context) of every en/zh segment of a few real documents."""
    out = []
    for doc_id in DOCS:
        doc = load_document(doc_id, corpus_root)
        out += [
            (s.lang, doc.text[s.start : s.end], segment_context(doc, s))
            for s in doc.segments
            if s.lang in ("en", "zh")
        ]
    return out


def run(nlp, segments, lang):
    docs = []
    for seg_lang, text, ctx in segments:
        if seg_lang == lang:
            d = nlp.make_doc(text)
            d.user_data[TEXT_KEY] = text
            d.user_data[CONTEXT_KEY] = ctx
            docs.append(d)
    return list(nlp.pipe(docs))


def found_rows(doc):
    return [
        (f.start, f.end, f.label, f.rule, f.entity, json.dumps(f.attributes, sort_keys=True))
        for f in doc.user_data.get(FOUND_KEY, [])
    ]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sentence_splitter_agrees_with_spacy_sentencizer(segments, lang):
    fast = build_blank(lang)
    chars = fast.get_pipe("foedus_sentences").punct_chars
    slow = spacy.blank(lang, config={"nlp": {"tokenizer": fast.config["nlp"]["tokenizer"]}})
    slow.add_pipe("sentencizer", config={"punct_chars": chars})
    texts = [t for seg_lang, t, _ in segments if seg_lang == lang]
    assert texts
    for text in texts:
        a, b = fast(text), slow(text)
        assert [t.is_sent_start for t in a] == [t.is_sent_start for t in b]
        assert [(s.start_char, s.end_char) for s in a.sents] == [(s.start_char, s.end_char) for s in b.sents]
        bounds = sentence_bounds(a)
        assert [s for s, _ in bounds] == [s.start_char for s in b.sents]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_prefilters_change_nothing(segments, lang):
    """Each component with its cue prefilter finds exactly what it finds scanning every sentence."""
    fast, slow = build_blank(lang), build_blank(lang)
    for name in PREFILTERED:
        slow.get_pipe(name).prefilter = None
    fast_docs, slow_docs = run(fast, segments, lang), run(slow, segments, lang)
    assert sum(len(found_rows(d)) for d in fast_docs) > 20
    for a, b in zip(fast_docs, slow_docs, strict=True):
        assert found_rows(a) == found_rows(b)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_deontic_literals_change_nothing_on_every_treaty(corpus_root, catalogue, lang):
    """Every treaty and draft: the deontic literal skips give exactly what trying every regex gives."""
    fast, slow = build_blank(lang), build_blank(lang)
    slow.get_pipe("foedus_deontic").prefilter = None
    segments = []
    for entry in catalogue.entries:
        if entry.kind in ("treaty", "draft"):
            doc = load_document(entry.id, corpus_root)
            segments += [(s.lang, doc.text[s.start : s.end], segment_context(doc, s)) for s in doc.segments]
    fast_docs, slow_docs = run(fast, segments, lang), run(slow, segments, lang)
    rows = [found_rows(d) for d in fast_docs]
    assert sum(1 for r in rows for f in r if f[2] in ("OBLIGATION", "COMMITMENT")) > 30
    assert rows == [found_rows(d) for d in slow_docs]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_date_literals_change_nothing(corpus_root, catalogue, lang):
    """Every book, treaty and draft: the date literal skips and anchors give what plain scans give."""
    fast, slow = build_blank(lang), build_blank(lang)
    slow.get_pipe("foedus_dates").use_literals = False
    segments = []
    for entry in catalogue.entries:
        if entry.kind in ("book", "treaty", "draft"):
            doc = load_document(entry.id, corpus_root)
            segments += [(s.lang, doc.text[s.start : s.end], segment_context(doc, s)) for s in doc.segments]
    # and text where the literals cannot be found by lower-casing (the long s equals "s" ignoring case)
    odd = "signed the fourth day of April, 1949, in Augu\u017ft 1950 and 1950s; 18 May 1951 (1945-1977)."
    segments.append(
        (lang, odd, segment_context(Document(id="t", kind="book", text=odd), Segment(0, len(odd), lang)))
    )
    fast_docs, slow_docs = run(fast, segments, lang), run(slow, segments, lang)
    rows = [[f for f in found_rows(d) if f[2] == "DATE"] for d in fast_docs]
    assert sum(map(len, rows)) > 20
    assert rows == [[f for f in found_rows(d) if f[2] == "DATE"] for d in slow_docs]


def test_date_literal_sets_are_checked(tmp_path):
    bad = tmp_path / "dates.toml"
    bad.write_text(
        '[settings.literals]\nmonth = ["may"]\n[[pattern]]\nid = "p"\nlang = "en"\nprecision = "year"\n'
        'regex = "(?P<y>19\\\\d\\\\d)"\nliterals = ["months"]\n',
        encoding="utf-8",
    )
    with pytest.raises(AnnotateError, match="literals"):
        spacy.blank("en").add_pipe("foedus_dates", config={"patterns": str(bad)})


def test_deontic_literals_are_checked(tmp_path):
    bad = tmp_path / "deontic.toml"
    bad.write_text('[[modal]]\nid = "m"\nlang = "en"\nregex = "shall"\nliterals = [""]\n', encoding="utf-8")
    nlp = spacy.blank("en")
    with pytest.raises(AnnotateError, match="literals"):
        nlp.add_pipe("foedus_deontic", config={"lexicon": str(bad)})


def claims(text, lang, pipes):
    doc = Document(id="t", kind="book", text=text, segments=[Segment(0, len(text), lang)])
    return [
        (a.text, a.attributes["value"], a.entity or a.attributes["subject"])
        for a in annotate_document(doc, pipes)
        if a.label == "CLAIM"
    ]


@pytest.fixture(scope="module")
def pipes():
    from foedus.annotate import load_pipelines

    return load_pipelines()


def test_en_claims_need_an_assertion_frame(pipes):
    assert claims("Instead, the United States built bilateral alliances with Japan.", "en", pipes) == [
        ("bilateral alliances", "bilateral", "Q30")
    ]
    assert (
        claims("In contrast, if a state forms a bilateral alliance, it may not get support.", "en", pipes)
        == []
    )
    assert claims("Bilateral alliance means forging an alliance with only another state.", "en", pipes) == []
    got = claims(
        "The model predicts that states take less risky behavior rather than more risky behavior.",
        "en",
        pipes,
    )
    assert got == [("less risky behavior", "risk-averse", None)]
    assert [c[1] for c in claims("They are placed in a domain of losses.", "en", pipes)] == ["losses"]


def test_zh_claims_need_an_assertion_frame(pipes):
    got = claims("本书认为，强义务的多边联盟反映了国家最强的风险寻求行为。", "zh", pipes)
    assert [c[1] for c in got] == ["strong", "multilateral", "risk-seeking"]
    assert claims("因此，国家选择双边或多边联盟战略的行为也属于风险决策。", "zh", pipes) == []
    hypothesis = claims(
        "本书的核心假设是，当国家预期外部威胁高时，倾向于选择强义务的多边联盟战略。", "zh", pipes
    )
    assert [c[1] for c in hypothesis] == ["strong", "multilateral"]  # the threat level is the premise
    assert [c[1] for c in claims("多边联盟能获得更多的安全收益。", "zh", pipes)] == ["multilateral"]


def test_unknown_claim_frame_is_named(tmp_path):
    bad = tmp_path / "claims.toml"
    bad.write_text(
        "[[claim]]\nid = 'x'\nlang = 'en'\nregex = 'a'\nabout = 'domain'\nvalue = 'gains'\n"
        "frames = ['nope']\n",
        encoding="utf-8",
    )
    with pytest.raises(AnnotateError, match="nope"):
        spacy.blank("en").add_pipe("foedus_claims", config={"lexicon": str(bad)})


def test_render_prints_the_report():
    report = {
        "spans": {"CLAIM/en": {"precision": 1.0, "recall": 0.9, "f1": 0.947, "tp": 9, "fp": 0, "fn": 1}},
        "entity_link_accuracy": {"en": 1.0},
        "article_type_accuracy": {},
        "article_subtype_accuracy": {},
        "article_strength_accuracy": {"zh": None},
        "attribute_accuracy": {"CLAIM.value/en": 0.9},
        "unmapped_gold": 0,
    }
    console = Console(record=True, width=120)
    render(console, report)
    shown = console.export_text()
    assert "CLAIM/en" in shown and "0.947" in shown and "CLAIM.value/en" in shown
