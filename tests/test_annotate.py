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
    assert (high.attributes["intensity"], high.attributes["region"], high.attributes["date"]) == (
        "high",
        "southeast-asia",
        "1954",
    )
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
