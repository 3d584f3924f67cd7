"""`foedus_claims`: the book author's claims (data/claims.toml) -> CLAIM (about, value, subject, region)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from foedus.annotate.context import context_of
from foedus.annotate.found import Found, add_found, found_in, sentence_bounds, sentence_of, text_of
from foedus.annotate.regions import RegionFinder
from foedus.annotate.resources import compile_regex, load_toml, read_json, require, write_json
from foedus.model import Label

VERSION = "foedus.claims/1.0"


class ClaimTagger:
    def __init__(self, nlp: Language, name: str, lexicon: str, regions: str) -> None:
        self.nlp = nlp
        self.name = name
        self.data = {"lexicon": load_toml(lexicon), "regions": load_toml(regions)}
        self._build()

    def _build(self) -> None:
        lang = self.nlp.lang
        settings = self.data["lexicon"].get("settings", {})
        self.kinds = set(settings.get("kinds", ["book"]))
        self.subject_ids = set(settings.get("subject_actors", []))
        self.claims = []
        for rec in self.data["lexicon"].get("claim", []):
            require(rec, ("id", "lang", "regex", "about", "value"), "claims.toml")
            if rec["lang"] == lang:
                self.claims.append({**rec, "re": compile_regex(rec["regex"], f"claims.toml {rec['id']}")})
        self.regions = RegionFinder(self.data["regions"], lang)
        gate = settings.get("gate", {}).get(lang)
        self.gate = compile_regex(gate, "claims.toml [settings] gate") if gate else None

    def __call__(self, doc: Doc) -> Doc:
        if context_of(doc).kind in self.kinds:
            add_found(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Found]:
        text = text_of(doc)
        if self.gate is not None and not self.gate.search(text):
            return []
        bounds = sentence_bounds(doc)
        subjects = [a for a in found_in(doc, Label.ACTOR) if a.attributes.get("actor") in self.subject_ids]
        out: list[Found] = []
        for claim in self.claims:
            for m in claim["re"].finditer(text):
                if any(m.start() < f.end and f.start < m.end() for f in out):
                    continue
                s, e = sentence_of(bounds, m.start())
                subject = next((a for a in subjects if s <= a.start < e), None)
                attrs = {
                    "about": claim["about"],
                    "value": claim["value"],
                    "subject": subject.entity if subject else None,
                    "region": self.regions.nearest(text, s, e, m.start()),
                }
                out.append(Found(m.start(), m.end(), Label.CLAIM, claim["id"], VERSION, None, attrs, 0.8))
        return out

    def to_disk(self, path: str | Path, *, exclude: Any = ()) -> None:
        write_json(Path(path), self.data)

    def from_disk(self, path: str | Path, *, exclude: Any = ()) -> ClaimTagger:
        self.data = read_json(Path(path))
        self._build()
        return self


@Language.factory("foedus_claims", default_config={"lexicon": "claims.toml", "regions": "regions.toml"})
def make_claim_tagger(nlp: Language, name: str, lexicon: str, regions: str) -> ClaimTagger:
    return ClaimTagger(nlp, name, lexicon, regions)
