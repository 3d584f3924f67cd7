"""`foedus_modality`: is a THREAT or CLAIM asserted, hypothetical or negated (data/modality.toml)?

Runs after the components that find threats and claims and only looks at their sentences, so its cost
grows with the number of annotations, not with the length of the text.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from foedus.annotate.found import Found, found_in, sentence_bounds, sentence_of, text_of
from foedus.annotate.resources import DataComponent, compile_regex, load_toml, require
from foedus.errors import AnnotateError

VERSION = "foedus.modality/1.0"
MODALITIES = ("asserted", "hypothetical", "negated")
SCOPES = ("sentence", "adjacent")


class ModalityTagger(DataComponent):
    def _build(self) -> None:
        settings = self.data.get("settings", {})
        self.labels = set(settings.get("labels", ["THREAT", "CLAIM"]))
        self.general_labels = set(settings.get("general_labels", []))
        self.specific = set(settings.get("specific", []))
        rules = []
        for rule in self.data.get("rule", []):
            require(rule, ("id", "lang", "modality", "scope", "regex"), "modality.toml [rule]")
            where = f"modality.toml {rule['id']}"
            if rule["modality"] not in MODALITIES[1:]:
                raise AnnotateError(f"{where}: modality must be one of {MODALITIES[1:]}")
            if rule["scope"] not in SCOPES:
                raise AnnotateError(f"{where}: scope must be one of {SCOPES}")
            if rule["scope"] == "adjacent" and int(rule.get("window", 0)) <= 0:
                raise AnnotateError(f"{where}: an adjacent rule needs a positive window")
            if int(rule.get("past", 0)) < 0:
                raise AnnotateError(f"{where}: past must not be negative")
            if rule["lang"] == self.nlp.lang:
                regex = compile_regex(rule["regex"], where)
                rules.append(
                    {
                        **rule,
                        "re": regex,
                        "window": int(rule.get("window", 0)),
                        "past": int(rule.get("past", 0)),
                    }
                )
        # negation first: "if there were no aggression" is negated, not hypothetical
        self.rules = sorted(rules, key=lambda r: r["modality"] != "negated")

    def __call__(self, doc: Doc) -> Doc:
        found_so_far = found_in(doc)
        targets = [f for f in found_so_far if f.label in self.labels]
        if not targets:
            return doc
        text = text_of(doc)
        bounds = sentence_bounds(doc)
        specific = [f.start for f in found_so_far if f.label in self.specific]
        for found in targets:
            sentence = sentence_of(bounds, found.start)
            modality, rule = self.modality(text, sentence, found)
            if (
                rule is None
                and found.label in self.general_labels
                and self.general(found, sentence, specific)
            ):
                modality, rule = "hypothetical", "generic"
            found.attributes["modality"] = modality
            if rule is not None:
                found.attributes["modality_rule"] = rule
        return doc

    def modality(self, text: str, sentence: tuple[int, int], found: Found) -> tuple[str, str | None]:
        """The modality of `found` in its `sentence` (character bounds) and the id of the rule that set it."""
        sent_start, sent_end = sentence
        for rule in self.rules:
            if rule["scope"] == "adjacent":
                start = max(sent_start, found.start - rule["window"])
                hit = rule["re"].search(text, start, found.start) is not None
            else:
                # a match must start before the annotation; `past` lets it run on past its start (当…时)
                end = min(max(sent_end, found.end), found.start + rule["past"])
                m = rule["re"].search(text, sent_start, end)
                hit = m is not None and m.start() < found.start
            if hit:
                return rule["modality"], rule["id"]
        return "asserted", None

    @staticmethod
    def general(found: Found, sentence: tuple[int, int], specific: list[int]) -> bool:
        """No actor, date or event in the sentence and no region of its own: a general statement."""
        if found.attributes.get("region"):
            return False
        return not any(sentence[0] <= start < sentence[1] for start in specific)


@Language.factory("foedus_modality", default_config={"lexicon": "modality.toml"})
def make_modality_tagger(nlp: Language, name: str, lexicon: str) -> ModalityTagger:
    return ModalityTagger(nlp, name, load_toml(lexicon))
