"""`foedus_deontic`: deontic statements in treaty articles (data/deontic.toml) -> OBLIGATION / COMMITMENT."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from foedus.annotate.context import SegmentContext, context_of
from foedus.annotate.found import Found, add_found, sentence_bounds, text_of
from foedus.annotate.numbering import arabic
from foedus.annotate.resources import compile_regex, load_toml, read_json, require, write_json

VERSION = "foedus.deontic/1.0"
HEADING = re.compile(r"\s*(?:(?:ARTICLE|Article)\s+[0-9IVXLC]+\.?|第[一二三四五六七八九十]+条)\s*")


class DeonticTagger:
    def __init__(self, nlp: Language, name: str, lexicon: str) -> None:
        self.nlp = nlp
        self.name = name
        self.data = load_toml(lexicon)
        self._build()

    def _build(self) -> None:
        lang = self.nlp.lang
        settings = self.data.get("settings", {})
        self.scopes = set(settings.get("scopes", ["article"]))
        self.kinds = set(settings.get("kinds", ["treaty"]))

        def compiled(section: str) -> list[dict[str, Any]]:
            out = []
            for rec in self.data.get(section, []):
                require(rec, ("id", "lang", "regex"), f"deontic.toml [{section}]")
                if rec["lang"] == lang:
                    out.append({**rec, "re": compile_regex(rec["regex"], f"deontic.toml {rec['id']}")})
            return out

        self.modals = compiled("modal")
        self.types = compiled("type")
        self.strength_cues = compiled("strength_cue")
        self.conditions = compiled("condition")

    def __call__(self, doc: Doc) -> Doc:
        ctx = context_of(doc)
        if ctx.kind in self.kinds:
            add_found(doc, self.match(doc, ctx))
        return doc

    def statements(self, doc: Doc, ctx: SegmentContext) -> list[tuple[int, int, str | None, str]]:
        """(start, end, article number, scope type) of every sentence inside a deontic scope."""
        out = []
        for scope in ctx.scopes:
            if scope.type not in self.scopes:
                continue
            for s, e in sentence_bounds(doc):
                s, e = max(s, scope.start), min(e, scope.end)
                if s >= e:
                    continue
                head = HEADING.match(text_of(doc), s, e)
                if head:
                    s = head.end()
                while s < e and text_of(doc)[s].isspace():
                    s += 1
                while e > s and text_of(doc)[e - 1].isspace():
                    e -= 1
                if e > s:
                    number = arabic(scope.number) if scope.type == "article" else None
                    out.append((s, e, number, scope.type))
        return out

    def match(self, doc: Doc, ctx: SegmentContext) -> list[Found]:
        out = []
        for s, e, number, scope_type in self.statements(doc, ctx):
            text = text_of(doc)[s:e]
            modal = self._modal(text)
            if modal is None:
                continue
            rule = next(r for r in self.types if r["re"].search(text))
            strong = [c for c in self.strength_cues if c["strength"] == "strong" and c["re"].search(text)]
            weak = [c for c in self.strength_cues if c["strength"] == "weak" and c["re"].search(text)]
            strength = "strong" if strong else "weak" if weak else modal[1]["strength"]
            conditions = []
            for cond in self.conditions:
                for m in cond["re"].finditer(text):
                    item = {"kind": cond["kind"], "text": m.group(0)}
                    if item not in conditions:
                        conditions.append(item)
            attrs = {
                "type": rule.get("type", "other"),
                "modal": modal[0],
                "polarity": modal[1]["polarity"],
                "strength": strength,
                "strength_cues": [c["cue"] for c in strong + weak],
                "conditions": conditions,
                "parties": list(ctx.parties),
                "article": number,
                "treaty": ctx.work,
            }
            if rule["label"] == "COMMITMENT":
                attrs["subtype"] = rule.get("subtype", "other")
            if scope_type != "article":
                attrs["scope"] = scope_type
            out.append(Found(s, e, rule["label"], rule["id"], VERSION, None, attrs, 0.8))
        return out

    def _modal(self, text: str) -> tuple[str, dict[str, Any]] | None:
        best: tuple[int, int, str, dict[str, Any]] | None = None
        for modal in self.modals:
            m = modal["re"].search(text)
            if m and (best is None or (m.start(), -len(m.group(0))) < (best[0], -best[1])):
                best = (m.start(), len(m.group(0)), m.group(0), modal)
        return (best[2], best[3]) if best else None

    def to_disk(self, path: str | Path, *, exclude: Any = ()) -> None:
        write_json(Path(path), self.data)

    def from_disk(self, path: str | Path, *, exclude: Any = ()) -> DeonticTagger:
        self.data = read_json(Path(path))
        self._build()
        return self


@Language.factory("foedus_deontic", default_config={"lexicon": "deontic.toml"})
def make_deontic_tagger(nlp: Language, name: str, lexicon: str) -> DeonticTagger:
    return DeonticTagger(nlp, name, lexicon)
