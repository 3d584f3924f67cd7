"""`foedus_threats`: threat mentions (data/threats.toml) with source, target, intensity, direction, region."""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from foedus.annotate.context import context_of
from foedus.annotate.found import Found, add_found, found_in, sentence_bounds, sentence_of, text_of
from foedus.annotate.prefilter import CueFilter, anchored_finditer, starts_of
from foedus.annotate.region_context import RegionLexicon
from foedus.annotate.regions import RegionFinder, nearest_region
from foedus.annotate.resources import DataComponent, compile_regex, load_toml, require
from foedus.model import Label

VERSION = "foedus.threats/1.0"


class ThreatTagger(DataComponent):
    def _build(self) -> None:
        lang = self.nlp.lang
        lex = self.data["lexicon"]
        settings = lex.get("settings", {})
        self.kinds = set(settings.get("kinds", []))
        self.skip_scopes = set(settings.get("skip_scopes", []))
        self.window = int(settings.get("cue_window", {}).get(lang, 20))
        actors = self.data["gazetteer"].get("actor", [])
        perspective = set(settings.get("perspective_actors", []))
        self.perspective = {a["qid"] for a in actors if a["id"] in perspective and a.get("qid")}
        self.communist = {a["id"] for a in actors if a.get("communist")}

        def compiled(section: str) -> list[dict[str, Any]]:
            out = []
            for rec in lex.get(section, []):
                require(rec, ("id", "lang", "regex"), f"threats.toml [{section}]")
                if rec["lang"] == lang:
                    where = f"threats.toml {rec['id']}"
                    out.append(
                        {**rec, "re": compile_regex(rec["regex"], where), "starts": starts_of(rec, where)}
                    )
            return out

        self.terms = compiled("term")
        self.cues = compiled("cue")
        self.sources = compiled("source_marker")
        self.targets = compiled("target_marker")
        self.communist_cue = re.compile(r"共产主义|共产党|(?i:communis[tm])")
        self.regions = RegionFinder(self.data["regions"], lang)
        self.region_lexicon = RegionLexicon(
            self.regions,
            RegionFinder(self.data["regions"], lang, ("region", "topic")),
            dict(self.data["regions"].get("parent", {})),
        )
        cues = settings.get("prefilter", {}).get(lang)
        window = settings.get("prefilter_window", {}).get(lang)
        where = "threats.toml [settings] prefilter"
        self.prefilter = CueFilter(cues, lang == "en", where, window) if cues else None
        self.use_starts = True

    def __call__(self, doc: Doc) -> Doc:
        if context_of(doc).kind in self.kinds:
            add_found(doc, self.match(doc))
        return doc

    def _terms(self, text: str, windows: list[tuple[int, int]]) -> list[tuple[int, int, dict[str, Any]]]:
        hits: list[tuple[int, int, dict[str, Any]]] = []
        for start, end in windows:
            for term in self.terms:
                for m in term["re"].finditer(text, start, end):
                    if m.end() > m.start():
                        hits.append((m.start(), m.end(), term))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        kept: list[tuple[int, int, dict[str, Any]]] = []
        for h in hits:
            if not kept or kept[-1][1] <= h[0]:  # sorted by start: only the last kept one can overlap
                kept.append(h)
        return kept

    def match(self, doc: Doc) -> list[Found]:
        text = text_of(doc)
        bounds = sentence_bounds(doc)
        # Every term contains a prefilter cue: only the text around one can hold a term.
        terms = self._terms(text, self.prefilter.windows(doc) if self.prefilter else bounds)
        skipped = [(s.start, s.end) for s in context_of(doc).scopes if s.type in self.skip_scopes]
        if skipped:
            terms = [t for t in terms if not any(s <= t[0] < e for s, e in skipped)]
        if not terms:
            return []
        by_sentence: dict[tuple[int, int], list[int]] = {}
        for i, (ts, _, _) in enumerate(terms):
            by_sentence.setdefault(sentence_of(bounds, ts), []).append(i)
        actors = [a for a in found_in(doc, Label.ACTOR) if a.entity]
        attached: dict[int, list[tuple[int, dict[str, Any], str]]] = {i: [] for i in range(len(terms))}
        for sent, in_sent in by_sentence.items():
            for cue in self.cues:
                if cue["starts"] and self.use_starts:
                    matches = anchored_finditer(cue["re"], text, sent[0], sent[1], cue["starts"])
                else:
                    matches = cue["re"].finditer(text, *sent)
                for m in matches:
                    best, best_gap = None, self.window + 1
                    for i in in_sent:
                        ts, te = terms[i][0], terms[i][1]
                        gap = ts - m.end() if m.end() <= ts else m.start() - te if m.start() >= te else 0
                        if gap < best_gap:
                            best, best_gap = i, gap
                    if best is not None:
                        attached[best].append((best_gap, cue, m.group(0)))
        regions: dict[tuple[int, int], list[tuple[int, str]]] = {}
        actors_in: dict[tuple[int, int], list[Found]] = {}
        out = []
        for i, (ts, te, term) in enumerate(terms):
            sent = sentence_of(bounds, ts)
            cues = sorted(attached[i], key=lambda c: c[0])
            intensity = next(
                (c[1]["intensity"] for c in cues if "intensity" in c[1]), term.get("base_intensity")
            )
            direction = next(
                (c[1]["direction"] for c in cues if "direction" in c[1]), term.get("base_direction")
            )
            walt = sorted(set(term.get("walt", [])) | {w for c in cues for w in c[1].get("walt", [])})
            if sent not in actors_in:
                actors_in[sent] = [a for a in actors if sent[0] <= a.start < sent[1]]
            in_sentence = actors_in[sent]
            source = self._marked(text, ts, te, in_sentence, self.sources)
            if source is None and (
                term.get("communist") or self.communist_cue.search(text[max(sent[0], ts - 8) : te])
            ):
                source = next((a for a in in_sentence if a.attributes.get("actor") in self.communist), None)
            target = self._marked(text, ts, te, in_sentence, self.targets)
            if target is None:
                target = next(
                    (
                        a
                        for a in in_sentence
                        if a.entity in self.perspective and (not source or a.entity != source.entity)
                    ),
                    None,
                )
            if sent not in regions:
                regions[sent] = self.regions.hits(text, *sent)
            region = nearest_region(regions[sent], ts)
            attrs = {
                "source": source.entity if source else None,
                "target": target.entity if target else None,
                "region": region,
                "direction": direction,
                "intensity": intensity,
                "cue": [c[2] for c in cues] or ([text[ts:te]] if term.get("base_intensity") else []),
                "walt": walt,
            }
            conf = 0.8 if intensity else 0.6
            out.append(Found(ts, te, Label.THREAT, term["id"], VERSION, None, attrs, conf))
        return out

    @staticmethod
    def _marked(
        text: str, ts: int, te: int, actors: list[Found], markers: list[dict[str, Any]]
    ) -> Found | None:
        for marker in markers:
            if marker["side"] == "before":
                cands = [a for a in actors if a.end <= ts and marker["re"].search(text[a.end : ts])]
                cands = [
                    a for a in cands if not marker.get("prefix") or text[: a.start].endswith(marker["prefix"])
                ]
                if cands:
                    return max(cands, key=lambda a: a.end)
            else:
                cands = [a for a in actors if a.start >= te and marker["re"].search(text[te : a.start])]
                if cands:
                    return min(cands, key=lambda a: a.start)
        return None


@Language.factory(
    "foedus_threats",
    default_config={"lexicon": "threats.toml", "regions": "regions.toml", "gazetteer": "gazetteer.toml"},
)
def make_threat_tagger(nlp: Language, name: str, lexicon: str, regions: str, gazetteer: str) -> ThreatTagger:
    data = {"lexicon": load_toml(lexicon), "regions": load_toml(regions), "gazetteer": load_toml(gazetteer)}
    return ThreatTagger(nlp, name, data)
