"""The annotators on small Documents written here and on the real corpus (../shared)."""

from __future__ import annotations

import pytest
import spacy

from foedus.annotate import annotate_document, load_pipelines
from foedus.annotate.evaluate import load_document
from foedus.annotate.pipelines import build_blank
from foedus.errors import AnnotateError
from foedus.model import Document, Segment, StructureNode


@pytest.fixture(scope="module")
def pipes():
    return load_pipelines()


def doc_of(text: str, lang: str, kind: str = "book", **meta) -> Document:
    return Document(id="t", kind=kind, text=text, metadata=meta, segments=[Segment(0, len(text), lang)])


def labelled(anns, label):
    return [a for a in anns if a.label == label]


def test_jieba_keeps_gazetteer_names_whole(pipes):
    tokens = [t.text for t in pipes.zh("北大西洋公约组织和东南亚条约组织，美国国家安全委员会认为")]
    for name in ("北大西洋公约组织", "东南亚条约组织", "美国国家安全委员会"):
        assert name in tokens


def test_zh_actors_and_short_form_list(pipes):
    text = "乔治·凯南认为，英、法、比、荷、卢五国外长签约。美丽的中部地区。"
    anns = labelled(annotate_document(doc_of(text, "zh"), pipes), "ACTOR")
    got = {(a.text, a.entity) for a in anns}
    assert ("乔治·凯南", None) in got and ("英", "Q145") in got and ("卢", "Q32") in got
    assert all(a.text not in ("美", "中") for a in anns)  # 美丽, 中部: not actors
    assert next(a for a in anns if a.text == "比").attributes["resolved_by"] == "list"


def test_china_is_resolved_or_flagged(pipes):
    text = "In 1952 China was a concern. Communist China grew. The Nationalist forces of China held Formosa."
    anns = labelled(annotate_document(doc_of(text, "en"), pipes), "ACTOR")
    first = next(a for a in anns if a.text == "China")
    assert (
        first.entity is None
        and first.attributes["ambiguous"]
        and set(first.attributes["candidates"])
        == {
            "Q148",
            "Q865",
        }
    )
    assert next(a for a in anns if a.text == "Communist China").entity == "Q148"
    assert [a.entity for a in anns if a.text == "China"][1] == "Q865"  # Nationalist ... China


def test_dates(pipes):
    zh = "1948年4月6日签约。1950年代，1945—1977年间，1949年底。"
    en = "On 4 April 1949 and April 4, 1949; in the 1950s; in 1950."
    got = {a.text: a.attributes for a in labelled(annotate_document(doc_of(zh, "zh"), pipes), "DATE")}
    assert got["1948年4月6日"]["value"] == "1948-04-06"
    assert got["1950年代"]["start"] == "1950-01-01" and got["1950年代"]["end"] == "1959-12-31"
    assert got["1945—1977年"]["precision"] == "year" and got["1945—1977年"]["end"] == "1977-12-31"
    assert got["1949年底"]["value"] == "1949"
    got = {a.text: a.attributes for a in labelled(annotate_document(doc_of(en, "en"), pipes), "DATE")}
    assert got["4 April 1949"]["value"] == got["April 4, 1949"]["value"] == "1949-04-04"
    assert got["1950s"]["precision"] == "decade" and got["1950"]["value"] == "1950"


def test_offsets_map_back_per_segment(pipes):
    zh, en = "美国与苏联。", "The Soviet Union and the United States."
    text = zh + "\n\n" + en
    doc = Document(
        id="mix",
        kind="book",
        text=text,
        segments=[Segment(0, len(zh), "zh"), Segment(len(zh) + 2, len(text), "en")],
    )
    anns = annotate_document(doc, pipes)
    assert all(a.text == text[a.start : a.end] for a in anns)
    assert {(a.text, a.lang) for a in anns} >= {
        ("美国", "zh"),
        ("Soviet Union", "en"),
        ("United States", "en"),
    }


def test_threat_attributes_from_sentence(pipes):
    text = (
        "After the Vietminh achieved a series of military victories against France in 1954, "
        "the United States "
        "proposed united action to block the imminent communist threat in Southeast Asia. "
        "The United States built SEATO when the communist threats decreased after the Geneva Conference."
    )
    threats = labelled(annotate_document(doc_of(text, "en"), pipes), "THREAT")
    high, low = threats
    # "After ... victories ... in 1954": the dated event, not the bare year, and its end (after)
    assert (high.attributes["intensity"], high.attributes["region"], high.attributes["date"]) == (
        "high",
        "southeast-asia",
        "1954-05-07",
    )
    assert high.attributes["date_source"] == "event" and high.attributes["region_source"] == "sentence"
    assert high.attributes["target"] == "Q30"
    assert (low.attributes["intensity"], low.attributes["direction"], low.attributes["date"]) == (
        "low",
        "falling",
        "1954-07-21",
    )


def test_article_statements(pipes):
    text = (
        "Article 4\n\nEach Party recognizes that an armed attack in the Pacific Area on either of the "
        "Parties "
        "would be dangerous to its own peace and safety and declares that it would act to meet the common "
        "danger in accordance with its constitutional processes."
    )
    doc = doc_of(text, "en", kind="treaty", parties=["Q30", "Q928"], work="x")
    doc.structure = [StructureNode("article", 0, len(text), id="a4", number="IV")]
    (ob,) = [a for a in annotate_document(doc, pipes) if a.label == "OBLIGATION"]
    assert ob.attributes["type"] == "defense" and ob.attributes["strength"] == "weak"
    assert ob.attributes["article"] == "4" and ob.attributes["parties"] == ["Q30", "Q928"]
    assert {"kind": "constitutional-processes", "text": "constitutional processes"} in ob.attributes[
        "conditions"
    ]


@pytest.mark.parametrize(
    "doc_id",
    ["nato-1949.en", "nato-1949.zh", "anzus-1951-draft-1951-07-12.en", "us-roc-1954.zh", "us-rok-1953.en"],
)
def test_every_article_of_real_treaty_gets_statements(pipes, corpus_root, doc_id):
    doc = load_document(doc_id, corpus_root)
    anns = [a for a in annotate_document(doc, pipes) if a.label in ("OBLIGATION", "COMMITMENT")]
    numbers = {a.attributes["article"] for a in anns}
    assert doc.nodes("article") and {n.number for n in doc.nodes("article")} <= numbers


def test_nato_art5_strong_anzus_art4_weak(pipes, corpus_root):
    def defense(doc_id, number):
        anns = annotate_document(load_document(doc_id, corpus_root), pipes)
        return next(
            a for a in anns if a.attributes.get("type") == "defense" and a.attributes["article"] == number
        )

    nato, anzus = defense("nato-1949.en", "5"), defense("anzus-1951-draft-1951-07-12.en", "4")
    assert nato.attributes["strength"] == "strong" and "forthwith" in nato.attributes["strength_cues"]
    assert anzus.attributes["strength"] == "weak" and nato.attributes["treaty"] == "nato-1949"


def test_book_preface_threats(pipes, corpus_root):
    doc = load_document("xiao-2012-balance-of-threat", corpus_root)
    threats = [a for a in annotate_document(doc, pipes) if a.label == "THREAT"]
    shook = next(a.attributes for a in threats if a.text == "shook the power equilibrium")
    assert shook["date"][:4] == "1950" and shook["direction"] == "rising" and shook["intensity"] == "high"
    weak = next(a.attributes for a in threats if a.attributes["cue"] == ["weak"])
    assert weak["source"] == "Q15180" and weak["date"][:4] == "1945"


def test_titles_contents_and_theory_names_are_not_threats(pipes, corpus_root):
    doc = load_document("xiao-2012-balance-of-threat", corpus_root)
    threats = [a for a in annotate_document(doc, pipes) if a.label == "THREAT"]
    named = [n for n in doc.structure if n.type in ("heading", "cip", "colophon", "toc", "toc-entry")]
    assert len(named) > 20
    assert not [a.text for a in threats if any(n.start <= a.start < n.end for n in named)]
    # "the prospect-threat alliance model" names the book's theory; "weak threats" states one
    assert not [a for a in threats if doc.text[a.start - 9 : a.start].lower() == "prospect-"]
    assert any(a.attributes["cue"] == ["weak"] for a in threats)
    # 制衡威胁 is the book's title in its headings and CIP block, not a threat there
    title_zh = [a for a in threats if doc.text[a.start - 2 : a.start] == "制衡" and a.start < 900]
    assert title_zh == []


@pytest.mark.parametrize(
    "text,lang,history_year",
    [
        (
            "The staff completed its report on April 7, 1950. It was not declassified until 1975. "
            "Its authors argued that the most pressing threat to the United States was Soviet power.",
            "en",
            "1975",
        ),
        ("该报告于1950年4月7日完成，1975年才解密。报告认为苏联对美国构成最大威胁。", "zh", "1975"),
    ],
)
def test_a_date_of_the_documents_history_dates_no_threat(pipes, text, lang, history_year):
    anns = annotate_document(doc_of(text, lang), pipes)
    history = [a for a in anns if a.label == "DATE" and a.attributes.get("history")]
    assert [a.attributes["value"][:4] for a in history] == [history_year]
    threat = next(a for a in anns if a.label == "THREAT")
    assert threat.attributes["date"] == "1950-04-07" and threat.attributes["intensity"] == "high"


def test_model_base_loaded_by_path(tmp_path):
    spacy.blank("en").to_disk(tmp_path / "base-en")
    pipes = load_pipelines(str(tmp_path / "base-en"))
    assert "foedus_actors" in pipes.en.pipe_names
    anns = annotate_document(doc_of("NATO and the Soviet Union.", "en"), pipes)
    assert {a.entity for a in anns} == {"Q7184", "Q15180"}


def test_pipeline_round_trips_through_disk(tmp_path):
    nlp = build_blank("zh")
    nlp.to_disk(tmp_path / "zh")
    again = spacy.load(tmp_path / "zh")
    doc = again("英、法、比、荷、卢五国")
    assert len(doc.user_data["foedus.found"]) == 5


def test_bad_data_file_is_named(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[[actor]]\nid = 'x'\n", encoding="utf-8")
    with pytest.raises(AnnotateError, match="bad.toml"):
        spacy.blank("en").add_pipe("foedus_actors", config={"gazetteer": str(bad)})


def threat_attrs(text: str, pipes, structure=()):
    doc = doc_of(text, "en")
    doc.structure = list(structure)
    return [a.attributes for a in labelled(annotate_document(doc, pipes), "THREAT")]


def test_dated_event_beats_a_bare_year_of_its_start(pipes):
    (war,) = threat_attrs(
        "The outbreak of the Korean War in 1950 shook the power equilibrium in Asia.", pipes
    )
    assert (war["date"], war["date_source"], war.get("date_end")) == ("1950-06-25", "event", None)
    # an event that begins in another year leaves the year alone
    (later,) = threat_attrs("The Korean War went on, and in 1952 a threat grew.", pipes)
    assert (later["date"], later["date_source"]) == ("1952", "sentence")
    # a precise date is kept
    (day,) = threat_attrs("On 4 April 1949, after the Korean War, a threat grew.", pipes)
    assert day["date_source"] == "event" and day["date"] == "1953-07-27"  # after the war: its end


def test_region_from_paragraph_then_section_title(pipes):
    text = (
        "Soviet pressure grew in Europe. Truman saw a threat.\n\n"
        "Eisenhower singled out the Soviet threat.\n\n"
        "Asia and Europe both mattered. Stalin was a threat."
    )
    p1 = text.index("Eisenhower")
    structure = [
        StructureNode("div", 0, p1 - 2, title="Cold War Policy"),
        StructureNode("div", p1, len(text), title="The Eisenhower Doctrine, 1957"),
    ]
    first, second, third = threat_attrs(text, pipes, structure)
    assert (first["region"], first["region_source"]) == ("europe", "paragraph")
    assert (second["region"], second["region_source"]) == ("middle-east", "section")
    # Asia and Europe disagree: the paragraph defers to the title, whose topic wins
    assert (third["region"], third["region_source"]) == ("middle-east", "section")
    untitled = threat_attrs(text, pipes)
    assert [(a["region"], a["region_source"]) for a in untitled] == [
        ("europe", "paragraph"),
        (None, None),
        (None, None),
    ]


def test_paragraph_regions_sharing_a_parent_agree(pipes):
    (attrs,) = threat_attrs("Japan looked to East Asia and Southeast Asia. Stalin was a threat.", pipes)
    assert (attrs["region"], attrs["region_source"]) == ("asia", "paragraph")


def test_book_threat_dates_use_the_named_events(pipes, corpus_root):
    doc = load_document("xiao-2012-balance-of-threat", corpus_root)
    threats = labelled(annotate_document(doc, pipes), "THREAT")

    def at(phrase: str) -> dict:
        start = doc.text.index(phrase)
        return next(a.attributes for a in threats if start <= a.start < start + len(phrase))

    shook = at("shook the power equilibrium")
    assert (shook["date"], shook["date_source"], shook["region"]) == ("1950-06-25", "event", "asia")
    # "After the Vietminh achieved a series of military victories against France in 1954, ..."
    imminent = at("imminent communist threat in Southeast Asia")
    assert (imminent["date"], imminent["date_source"]) == ("1954-05-07", "event")


@pytest.mark.parametrize(
    "doc_id,title,region",
    [
        ("milestones-1953-1960", "The Eisenhower Doctrine, 1957", "middle-east"),
        ("milestones-1945-1952", "The Chinese Revolution of 1949", "east-asia"),
    ],
)
def test_milestones_threats_take_their_essay_region(pipes, corpus_root, doc_id, title, region):
    doc = load_document(doc_id, corpus_root)
    (essay,) = [n for n in doc.structure if n.type == "div" and n.title == title]
    threats = [
        a for a in labelled(annotate_document(doc, pipes), "THREAT") if essay.start <= a.start < essay.end
    ]
    assert len(threats) >= 3
    assert {a.attributes["region"] for a in threats} == {region}
    assert "section" in {a.attributes["region_source"] for a in threats}


def test_archival_threats_fall_back_to_the_documents_dateline(pipes, corpus_root):
    """A FRUS memo's threat sentences without a date of their own take the nearest earlier date
    of their section — for a whole archival document, its dateline."""
    doc = load_document("frus1949v07p2-d386", corpus_root)
    threats = [a for a in annotate_document(doc, pipes) if a.label == "THREAT"]
    by_section = [a for a in threats if a.attributes.get("date_source") == "section"]
    assert by_section
    for a in by_section:
        assert a.attributes["date"].startswith("1949-11"), (a.text, a.attributes["date"])
