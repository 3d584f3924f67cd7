"""`foedus_claims`: the book author's claims (data/claims.toml) -> CLAIM (about, value, subject, region)."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from foedus.annotate.context import context_of
from foedus.annotate.found import Found, add_found, found_in, sentence_bounds, sentence_of, text_of
from foedus.annotate.prefilter import CueFilter, anchored_finditer, starts_of
from foedus.annotate.regions import RegionFinder, nearest_region
from foedus.annotate.resources import DataComponent, compile_regex, load_toml, require
from foedus.errors import AnnotateError
from foedus.model import Label

VERSION = "foedus.claims/1.2"
SIDES = ("before", "after")
STANCES = ("formed",)


class Frame:
    """An assertion frame (claims.toml [[frame]]): a regex around a cue, in its sentence."""

    def __init__(self, rec: dict[str, Any]) -> None:
        where = f"claims.toml frame {rec['id']}"
        if rec["side"] not in SIDES:
            raise AnnotateError(f"{where}: side {rec['side']!r}; expected one of {SIDES}")
        self.id = rec["id"]
        self.side = rec["side"]
        self.window = int(rec["window"]) if "window" in rec else None
        self.needs_subject = bool(rec.get("subject", False))
        self.stance: str | None = rec.get("stance")
        if self.stance not in (None, *STANCES):
            raise AnnotateError(f"{where}: stance {self.stance!r}; expected one of {STANCES}")
        self.regex = compile_regex(rec["regex"], where)

    def holds(self, text: str, sentence: tuple[int, int], cue: tuple[int, int], has_subject: bool) -> bool:
        if self.needs_subject and not has_subject:
            return False
        if self.side == "before":
            start = sentence[0] if self.window is None else max(sentence[0], cue[0] - self.window)
            return self.regex.search(text[start : cue[0]]) is not None
        end = sentence[1] if self.window is None else min(sentence[1], cue[1] + self.window)
        return self.regex.search(text[cue[1] : end]) is not None


class ClaimTagger(DataComponent):
    def _build(self) -> None:
        lang = self.nlp.lang
        settings = self.data["lexicon"].get("settings", {})
        self.kinds = set(settings.get("kinds", ["book"]))
        self.subject_ids = set(settings.get("subject_actors", []))
        frames = {}
        for rec in self.data["lexicon"].get("frame", []):
            require(rec, ("id", "lang", "side", "regex"), "claims.toml [frame]")
            if rec["lang"] == lang:
                frames[rec["id"]] = Frame(rec)
        self.claims = []
        for rec in self.data["lexicon"].get("claim", []):
            require(rec, ("id", "lang", "regex", "about", "value"), "claims.toml")
            if rec["lang"] != lang:
                continue
            named = {key: rec.get(key, []) for key in ("frames", "unless")}
            unknown = [f for ids in named.values() for f in ids if f not in frames]
            if unknown:
                raise AnnotateError(f"claims.toml {rec['id']}: unknown {lang} frame(s) {', '.join(unknown)}")
            self.claims.append(
                {
                    **rec,
                    "re": compile_regex(rec["regex"], f"claims.toml {rec['id']}"),
                    "starts": starts_of(rec, f"claims.toml {rec['id']}"),
                    "frames": [frames[f] for f in named["frames"]] if "frames" in rec else None,
                    "unless": [frames[f] for f in named["unless"]],
                }
            )
        # `starts` only saves work; switched off, the same claims are found (test_annotate_cue_index)
        self.use_starts = True
        self.regions = RegionFinder(self.data["regions"], lang)
        cues = settings.get("prefilter", {}).get(lang)
        window = settings.get("prefilter_window", {}).get(lang)
        where = "claims.toml [settings] prefilter"
        self.prefilter = CueFilter(cues, lang == "en", where, window) if cues else None

    def __call__(self, doc: Doc) -> Doc:
        if context_of(doc).kind in self.kinds:
            add_found(doc, self.match(doc))
        return doc

    def assertion(
        self,
        claim: dict[str, Any],
        text: str,
        sentence: tuple[int, int],
        cue: tuple[int, int],
        has_subject: bool,
    ) -> tuple[bool, str | None]:
        """Whether the cue stands in one of its claim's frames and in none of its `unless` frames, and the
        stance of the first frame that holds (None: a statement of the model's variables)."""
        if any(f.holds(text, sentence, cue, has_subject) for f in claim["unless"]):
            return False, None
        if claim["frames"] is None:
            return True, None
        held = next((f for f in claim["frames"] if f.holds(text, sentence, cue, has_subject)), None)
        return held is not None, held.stance if held is not None else None

    def match(self, doc: Doc) -> list[Found]:
        text = text_of(doc)
        windows = self.prefilter.windows(doc) if self.prefilter else sentence_bounds(doc)
        if not windows:
            return []
        bounds = sentence_bounds(doc)
        subjects = [a for a in found_in(doc, Label.ACTOR) if a.attributes.get("actor") in self.subject_ids]
        regions: dict[tuple[int, int], list[tuple[int, str]]] = {}
        out: list[Found] = []
        for w_start, w_end in windows:
            for claim in self.claims:
                if claim["starts"] and self.use_starts:
                    matches = anchored_finditer(claim["re"], text, w_start, w_end, claim["starts"])
                else:
                    matches = claim["re"].finditer(text, w_start, w_end)
                for m in matches:
                    if any(m.start() < f.end and f.start < m.end() for f in out):
                        continue
                    sent = sentence_of(bounds, m.start())
                    subject = next((a for a in subjects if sent[0] <= a.start < sent[1]), None)
                    asserted, stance = self.assertion(claim, text, sent, m.span(), subject is not None)
                    if not asserted:
                        continue
                    if sent not in regions:
                        regions[sent] = self.regions.hits(text, *sent)
                    attrs = {
                        "about": claim["about"],
                        "value": claim["value"],
                        "subject": subject.entity if subject else None,
                        "region": nearest_region(regions[sent], m.start()),
                    }
                    if stance is not None:
                        attrs["stance"] = stance
                    out.append(Found(m.start(), m.end(), Label.CLAIM, claim["id"], VERSION, None, attrs, 0.8))
        return sorted(out, key=lambda f: f.start)


@Language.factory("foedus_claims", default_config={"lexicon": "claims.toml", "regions": "regions.toml"})
def make_claim_tagger(nlp: Language, name: str, lexicon: str, regions: str) -> ClaimTagger:
    return ClaimTagger(nlp, name, {"lexicon": load_toml(lexicon), "regions": load_toml(regions)})
