"""`foedus_modality`: asserted, hypothetical and negated threats and claims, in both languages; and the
stance of a claim of what an actor formed."""

from __future__ import annotations

import pytest

from foedus.annotate import annotate_document, load_pipelines
from foedus.annotate.modality import ModalityTagger
from foedus.annotate.pipelines import build_blank
from foedus.annotate.resources import load_toml
from foedus.errors import AnnotateError
from foedus.model import Document, Segment


@pytest.fixture(scope="module")
def pipes():
    return load_pipelines()


def modalities(pipes, text: str, lang: str, label: str = "THREAT") -> list[tuple[str, str, str | None]]:
    doc = Document(id="t", kind="book", text=text, metadata={}, segments=[Segment(0, len(text), lang)])
    return [
        (a.text, a.attributes["modality"], a.attributes.get("modality_rule"))
        for a in annotate_document(doc, pipes)
        if a.label == label
    ]


@pytest.mark.parametrize(
    "text,lang,expected",
    [
        ("In 1951 the communist threat to the Philippines was grave.", "en", "asserted"),
        (
            "SEATO was designed to respond if there was an armed attack on any nation in 1954.",
            "en",
            "hypothetical",
        ),
        (
            "In 1949 the United States will deal with any direct aggression against Korea.",
            "en",
            "hypothetical",
        ),
        ("In 1955 the principles were self-determination, non-aggression and equality.", "en", "negated"),
        ("In 1958 the threat in Lebanon was not armed aggression by the Soviet Union.", "en", "negated"),
        ("1949年，苏联威胁着亚洲国家的安全。", "zh", "asserted"),
        ("1948年，如发现危及美国国家安全的武装进攻，美国将进行自卫。", "zh", "hypothetical"),
        ("1949年，美国的目标是使苏联不再可能威胁到美国的安全。", "zh", "negated"),
        ("当时美国认为苏联的侵略是最大的威胁。", "zh", "asserted"),  # 当时 is "at that time", not 当…时
        ("例如，1950年苏联的侵略威胁着亚洲。", "zh", "asserted"),  # 例如 is "for example", not 如
        ("1950年，美国的力量不如苏联，苏联的侵略威胁着亚洲。", "zh", "asserted"),  # 不如: "not as … as"
    ],
)
def test_threat_modality(pipes, text, lang, expected):
    found = modalities(pipes, text, lang)
    assert found, text
    assert found[-1][1] == expected, found


def test_a_conditional_sentence_asserts_neither_part(pipes):
    text = "If states face a high level of threat, they are placed in a domain of losses."
    assert {m for _, m, _ in modalities(pipes, text, "en")} == {"hypothetical"}
    assert {m for _, m, _ in modalities(pipes, text, "en", "CLAIM")} == {"hypothetical"}
    # 当…时 encloses the threat it conditions
    text = "当国家预期外部威胁高时，倾向于选择强义务的多边联盟战略。"
    assert [(t, m) for t, m, _ in modalities(pipes, text, "zh")] == [("威胁", "hypothetical")]


def test_a_claim_about_no_actor_date_or_event_is_general(pipes):
    general = modalities(pipes, "多边联盟能获得更多的安全收益。", "zh", "CLAIM")
    assert general and all(m == "hypothetical" and rule == "generic" for _, m, rule in general)
    case = modalities(pipes, "朝鲜战争爆发后，美国倾向于选择强义务的多边联盟战略。", "zh", "CLAIM")
    assert case and all(m == "asserted" for _, m, _ in case)


def test_negation_wins_over_a_condition(pipes):
    found = modalities(pipes, "If in 1955 there were no aggression against Thailand, SEATO would rest.", "en")
    assert found[0][1:] == ("negated", "en.negated.prefix")


@pytest.mark.parametrize(
    "data,message",
    [
        (
            '[[rule]]\nid = "x"\nlang = "en"\nmodality = "maybe"\nscope = "sentence"\nregex = "if"\n',
            "modality must",
        ),
        (
            '[[rule]]\nid = "x"\nlang = "en"\nmodality = "negated"\nscope = "page"\nregex = "no"\n',
            "scope must",
        ),
        (
            '[[rule]]\nid = "x"\nlang = "en"\nmodality = "negated"\nscope = "adjacent"\nregex = "no$"\n',
            "window",
        ),
        (
            '[[rule]]\nid = "x"\nlang = "en"\nmodality = "negated"\nscope = "sentence"\nregex = "(no"\n',
            "bad regular",
        ),
        ('[[rule]]\nid = "x"\nlang = "en"\nmodality = "negated"\n', "lacks scope, regex"),
    ],
)
def test_bad_rules_are_refused_naming_the_rule(tmp_path, data, message):
    path = tmp_path / "modality.toml"
    path.write_text(data, encoding="utf-8")
    with pytest.raises(AnnotateError, match=message):
        ModalityTagger(build_blank("en"), "foedus_modality", load_toml(str(path)))


def test_a_claim_of_what_was_formed_has_stance_formed(pipes):
    doc_text = (
        "In 1951 the United States built bilateral alliances with the Philippines and Japan. "
        "In 1954 the United States proposed a NATO-type alliance."
    )
    doc = Document(
        id="t", kind="book", text=doc_text, metadata={}, segments=[Segment(0, len(doc_text), "en")]
    )
    claims = {a.text: a.attributes for a in annotate_document(doc, pipes) if a.label == "CLAIM"}
    assert claims["bilateral alliances"]["stance"] == "formed"
    assert "stance" not in claims["NATO-type alliance"]
