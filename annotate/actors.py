"""`foedus_actors`: gazetteer names (PhraseMatcher) and zh single-character abbreviations in context."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from foedus.annotate.context import context_of
from foedus.annotate.found import Found, add_found, found_in, sentence_bounds, sentence_of, text_of
from foedus.annotate.gazetteer import Gazetteer
from foedus.annotate.resources import compile_regex, load_toml, read_json, write_json
from foedus.model import Label

VERSION = "foedus.actors/1.0"
# Kinds of document that speak at their own date (a treaty, a memorandum), unlike a book.
DATED_KINDS = {"treaty", "draft", "archival"}


class ActorRuler:
    """Finds actors; the gazetteer and the short-form rules are data, saved with the pipeline."""

    def __init__(self, nlp: Language, name: str, gazetteer: str, ambiguity: str, short_forms: str) -> None:
        self.nlp = nlp
        self.name = name
        self.source = gazetteer
        self.data = {
            "gazetteer": load_toml(gazetteer),
            "ambiguity": load_toml(ambiguity),
            "short_forms": load_toml(short_forms),
        }
        self._build()

    def _build(self) -> None:
        self.gazetteer = Gazetteer(self.data["gazetteer"], self.data["ambiguity"], where=self.source)
        lang = self.nlp.lang
        folded_attr = "LOWER" if lang == "en" else "ORTH"
        self.folded = PhraseMatcher(self.nlp.vocab, attr=folded_attr)
        self.cased = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        for actor in self.gazetteer.actors.values():
            names = actor.names.get(lang, ())
            if names:
                self.folded.add(actor.id, [self.nlp.make_doc(n) for n in names])
            if lang == "en" and actor.en_cased:
                self.cased.add(actor.id, [self.nlp.make_doc(n) for n in actor.en_cased])
        shorts = self.gazetteer.short_forms()
        char_class = "[" + "".join(sorted(shorts)) + "]"
        self.short_rules: list[tuple[str, re.Pattern[str], str]] = []
        if lang == "zh" and shorts:
            for rule in self.data["short_forms"].get("context", []):
                pattern = rule["pattern"].replace("{S}", char_class).replace("{{", "{").replace("}}", "}")
                self.short_rules.append(
                    (rule["id"], compile_regex(pattern, "short_forms.toml"), rule["resolved_by"])
                )
        self.short_map = shorts
        # zh names are also matched on characters: jieba may glue a name to its neighbour (日本政府).
        zh_names = sorted(
            ((n, a.id) for a in self.gazetteer.actors.values() for n in a.names.get("zh", ()) if len(n) > 1),
            key=lambda t: -len(t[0]),
        )
        self.zh_lookup = dict(zh_names)
        alternation = "|".join(re.escape(n) for n, _ in zh_names)
        self.zh_regex = re.compile(alternation) if lang == "zh" and zh_names else None

    def __call__(self, doc: Doc) -> Doc:
        add_found(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Found]:
        ctx = context_of(doc)
        lang = self.nlp.lang
        matches = list(self.folded(doc)) + list(self.cased(doc))
        ids = {(s, e): m for m, s, e in matches}  # one id per token span (the last match, as spans do)
        hits: list[tuple[int, int, str, str]] = []
        kept = longest_spans(list(ids))
        strings = self.nlp.vocab.strings
        for s, e in kept:  # a Token per end: cheaper than an array of every token for a few names
            last = doc[e - 1]
            start, end = doc[s].idx, last.idx + len(last)
            hits.append((start, end, strings[ids[s, e]], f"{lang}.gazetteer.name"))
        # A name inside an event's name (杜鲁门主义, Nixon Doctrine) is not an actor mention.
        events = [
            (f.start, f.end) for f in found_in(doc, Label.EVENT) if f.attributes.get("relation") != "after"
        ]
        hits = [h for h in hits if not any(s <= h[0] and h[1] <= e for s, e in events)]
        taken = [(s, e) for s, e, _, _ in hits] + events
        if self.zh_regex is not None:
            for m in self.zh_regex.finditer(text_of(doc)):
                if not any(m.start() < e and s < m.end() for s, e in taken):
                    hits.append((m.start(), m.end(), self.zh_lookup[m.group(0)], "zh.gazetteer.chars"))
                    taken.append(m.span())
        for rule_id, regex, how in self.short_rules:
            for m in regex.finditer(text_of(doc)):
                base = m.start("names")
                for i, ch in enumerate(m.group("names")):
                    pos = base + i
                    if ch in self.short_map and not any(s <= pos < e for s, e in taken):
                        hits.append((pos, pos + 1, self.short_map[ch], f"{rule_id}:{how}"))
                        taken.append((pos, pos + 1))
        bounds = sentence_bounds(doc)
        dates = found_in(doc, Label.DATE)
        out = []
        for start, end, actor_id, rule in sorted(hits):
            sentence, year = "", None
            if self.gazetteer.actors[actor_id].ambiguous:  # only an ambiguous name needs its sentence
                s_start, s_end = sentence_of(bounds, start)
                sentence = text_of(doc)[s_start:s_end]
                year = _sentence_year(dates, s_start, s_end)
                if year is None and ctx.kind in DATED_KINDS and ctx.date:
                    year = int(ctx.date[:4])
            actor, attrs, conf = self.gazetteer.resolve(actor_id, lang, sentence, ctx.parties, year)
            if ":" in rule:
                rule, how = rule.split(":")
                attrs.setdefault("resolved_by", how)
                conf = min(conf, 0.8)
            out.append(
                Found(start, end, Label.ACTOR, rule, VERSION, actor.qid if actor else None, attrs, conf)
            )
        return out

    def to_disk(self, path: str | Path, *, exclude: Any = ()) -> None:
        write_json(Path(path), self.data)

    def from_disk(self, path: str | Path, *, exclude: Any = ()) -> ActorRuler:
        self.data = read_json(Path(path))
        self.source = str(path)
        self._build()
        return self


def longest_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-overlapping token spans, longest (then earliest) first, in text order: `filter_spans` on tuples."""
    taken: set[int] = set()
    out = []
    for s, e in sorted(spans, key=lambda t: (t[1] - t[0], -t[0]), reverse=True):
        if s not in taken and e - 1 not in taken:
            out.append((s, e))
            taken.update(range(s, e))
    return sorted(out)


def _sentence_year(dates: list[Found], start: int, end: int) -> int | None:
    for d in dates:
        if start <= d.start < end and d.attributes.get("start"):
            return int(d.attributes["start"][:4])
    return None


@Language.factory(
    "foedus_actors",
    default_config={
        "gazetteer": "gazetteer.toml",
        "ambiguity": "ambiguity.toml",
        "short_forms": "short_forms.toml",
    },
)
def make_actor_ruler(
    nlp: Language, name: str, gazetteer: str, ambiguity: str, short_forms: str
) -> ActorRuler:
    return ActorRuler(nlp, name, gazetteer, ambiguity, short_forms)
