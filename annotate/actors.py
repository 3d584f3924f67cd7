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
from foedus.annotate.resources import DataComponent, compile_regex, load_toml
from foedus.model import Label

VERSION = "foedus.actors/1.0"
# Kinds of document that speak at their own date (a treaty, a memorandum), unlike a book.
DATED_KINDS = {"treaty", "draft", "archival"}


class ActorRuler(DataComponent):
    """Finds actors; the gazetteer and the short-form rules are data, saved with the pipeline."""

    def __init__(self, nlp: Language, name: str, data: dict[str, Any], source: str) -> None:
        self.source = source  # the gazetteer's path, for error messages
        super().__init__(nlp, name, data)

    def _build(self) -> None:
        self.gazetteer = Gazetteer(self.data["gazetteer"], self.data["ambiguity"], where=self.source)
        lang = self.nlp.lang
        folded_attr = "LOWER" if lang == "en" else "ORTH"
        self.folded = PhraseMatcher(self.nlp.vocab, attr=folded_attr)
        self.cased = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        folded_names: dict[tuple[str, ...], str] = {}
        cased_names: dict[tuple[str, ...], str] = {}
        for actor in self.gazetteer.actors.values():
            names = [self.nlp.make_doc(n) for n in actor.names.get(lang, ())]
            if names:
                self.folded.add(actor.id, names)
                folded_names.update({tuple(t.lower_ for t in n): actor.id for n in names})
            if lang == "en" and actor.en_cased:
                cased = [self.nlp.make_doc(n) for n in actor.en_cased]
                self.cased.add(actor.id, cased)
                cased_names.update({tuple(t.orth_ for t in n): actor.id for n in cased})
        self.combined = self._combined(lang, folded_names, cased_names)
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
        lang = self.nlp.lang
        ids = self._names(doc)
        if not ids and self.zh_regex is None and not self.short_rules:
            return []
        hits: list[tuple[int, int, str, str]] = []
        strings = self.nlp.vocab.strings
        rule_name = f"{lang}.gazetteer.name"
        for s, e in longest_spans(list(ids)):  # a Token per end: cheaper than an array of every token
            last = doc[e - 1]
            hits.append((doc[s].idx, last.idx + len(last), strings[ids[s, e]], rule_name))
        # A name inside an event's name (杜鲁门主义, Nixon Doctrine) is not an actor mention.
        events = [
            (f.start, f.end) for f in found_in(doc, Label.EVENT) if f.attributes.get("relation") != "after"
        ]
        if events:
            hits = [h for h in hits if not any(s <= h[0] and h[1] <= e for s, e in events)]
        if self.zh_regex is not None or self.short_rules:
            self._zh_hits(doc, hits, events)
        if not hits:
            return []
        ctx = context_of(doc)
        bounds = sentence_bounds(doc)
        dates = found_in(doc, Label.DATE)
        actors = self.gazetteer.actors
        out = []
        for start, end, actor_id, rule in sorted(hits):
            known = actors[actor_id]
            if not known.ambiguous and ":" not in rule:  # what `resolve` gives an unambiguous name
                attrs: dict[str, Any] = {"actor": known.id, "type": known.type}
                out.append(Found(start, end, Label.ACTOR, rule, VERSION, known.qid, attrs, 1.0))
                continue
            sentence, year = "", None
            if known.ambiguous:  # only an ambiguous name needs its sentence
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

    def _zh_hits(
        self, doc: Doc, hits: list[tuple[int, int, str, str]], events: list[tuple[int, int]]
    ) -> None:
        """Add the zh names matched on characters and the single-character short forms to `hits`."""
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

    def _combined(
        self, lang: str, folded: dict[tuple[str, ...], str], cased: dict[tuple[str, ...], str]
    ) -> PhraseMatcher | None:
        """One LOWER PhraseMatcher for the folded and the case-sensitive en names (a cased hit is kept
        when its tokens' ORTH equal the name's): one pass over the tokens instead of two.  It gives what
        the two matchers give as long as no two actors share a name (lower-cased; cased names as
        written), so that a token span has at most one folded and one cased actor; otherwise None (the
        two matchers are used)."""
        n_folded = sum(len(a.names.get(lang, ())) for a in self.gazetteer.actors.values())
        n_cased = sum(len(a.en_cased) for a in self.gazetteer.actors.values())
        if lang != "en" or len(folded) != n_folded or len(cased) != n_cased:
            return None
        strings = self.nlp.vocab.strings
        combined = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.cased_keys: dict[int, tuple[str, set[tuple[int, ...]]]] = {}
        for actor in self.gazetteer.actors.values():
            if actor.names.get(lang):
                combined.add(actor.id, [self.nlp.make_doc(n) for n in actor.names[lang]])
            if actor.en_cased:
                key = f"{actor.id}\x1fcased"
                docs = [self.nlp.make_doc(n) for n in actor.en_cased]
                combined.add(key, docs)
                self.cased_keys[strings.add(key)] = (actor.id, {tuple(t.orth for t in d) for d in docs})
        return combined

    def _names(self, doc: Doc) -> dict[tuple[int, int], int]:
        """Gazetteer id (a string hash) per matched token span: a case-sensitive name wins over a folded
        one on the same span, as in `list(folded(doc)) + list(cased(doc))` read into a dict."""
        if self.combined is None:
            matches = list(self.folded(doc)) + list(self.cased(doc))
            return {(s, e): m for m, s, e in matches}  # one id per token span (the last match, as spans do)
        ids: dict[tuple[int, int], int] = {}
        cased: list[tuple[int, int, int]] = []
        for m, s, e in self.combined(doc):
            if m in self.cased_keys:
                actor_id, orths = self.cased_keys[m]
                if tuple(doc[i].orth for i in range(s, e)) in orths:
                    cased.append((s, e, self.nlp.vocab.strings[actor_id]))
            else:
                ids[s, e] = m
        for s, e, m in cased:
            ids[s, e] = m
        return ids

    def from_disk(self, path: str | Path, *, exclude: Any = ()) -> ActorRuler:
        self.source = str(path)
        return super().from_disk(path, exclude=exclude)


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
    data = {
        "gazetteer": load_toml(gazetteer),
        "ambiguity": load_toml(ambiguity),
        "short_forms": load_toml(short_forms),
    }
    return ActorRuler(nlp, name, data, gazetteer)
