"""`foedus_deontic`: deontic statements in treaty articles (data/deontic.toml) -> OBLIGATION / COMMITMENT."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from foedus.annotate.context import SegmentContext, context_of
from foedus.annotate.found import Found, add_found, lowered, sentence_bounds, sentence_starts, text_of
from foedus.annotate.numbering import arabic
from foedus.annotate.resources import DataComponent, compile_regex, load_toml, require
from foedus.errors import AnnotateError

VERSION = "foedus.deontic/1.0"
_SKIP = frozenset({"<no modal literal>"})  # a statement the modal literals rule out
HEADING = re.compile(r"\s*(?:(?:ARTICLE|Article)\s+[0-9IVXLC]+\.?|第[一二三四五六七八九十]+条)\s*")


class DeonticTagger(DataComponent):
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
                    where = f"deontic.toml {rec['id']}"
                    literals = rec.get("literals")
                    if literals is not None and (
                        not literals or not all(isinstance(x, str) and x for x in literals)
                    ):
                        raise AnnotateError(f"{where}: literals must be a list of non-empty strings")
                    out.append(
                        {
                            **rec,
                            "re": compile_regex(rec["regex"], where),
                            "lits": frozenset(x.lower() for x in literals) if literals else None,
                        }
                    )
            return out

        self.modals = compiled("modal")
        self.types = compiled("type")
        self.strength_cues = compiled("strength_cue")
        self.conditions = compiled("condition")
        rules = self.modals + self.types + self.strength_cues + self.conditions
        # Every literal of every rule: those present in a segment's statements are looked up per statement.
        self.literals = tuple(sorted({x for r in rules for x in r["lits"] or ()}))
        # ASCII literals are found in the lower-cased segment text at the statement's offsets.
        self.ascii_literals = all(x.isascii() for x in self.literals)
        # A statement needs a modal: when every modal lists its literals, a statement holding none of
        # them is skipped before any regex runs.  None: no literal skips at all (every regex is tried).
        self.prefilter: frozenset[str] | None = (
            frozenset().union(*(m["lits"] for m in self.modals))
            if self.modals and all(m["lits"] for m in self.modals)
            else frozenset()
        )

    def __call__(self, doc: Doc) -> Doc:
        ctx = context_of(doc)
        if ctx.kind in self.kinds:
            add_found(doc, self.match(doc, ctx))
        return doc

    def statements(self, doc: Doc, ctx: SegmentContext) -> list[tuple[int, int, str | None, str]]:
        """(start, end, article number, scope type) of every sentence inside a deontic scope."""
        out = []
        text = text_of(doc)
        bounds = sentence_bounds(doc)
        starts = sentence_starts(doc)
        for scope in ctx.scopes:
            if scope.type not in self.scopes:
                continue
            first = max(0, bisect_right(starts, scope.start) - 1)  # the sentence holding the scope's start
            number = arabic(scope.number) if scope.type == "article" else None
            for s, e in bounds[first:]:
                if s >= scope.end:
                    break
                s, e = max(s, scope.start), min(e, scope.end)
                if s >= e:
                    continue
                head = HEADING.match(text, s, e)
                if head:
                    s = head.end()
                while s < e and text[s].isspace():
                    s += 1
                while e > s and text[e - 1].isspace():
                    e -= 1
                if e > s:
                    out.append((s, e, number, scope.type))
        return out

    def match(self, doc: Doc, ctx: SegmentContext) -> list[Found]:
        out: list[Found] = []
        statements = self.statements(doc, ctx)
        if not statements:
            return out
        doc_text = text_of(doc)
        helds = self._held(doc, statements)
        parties = list(ctx.parties)
        for (s, e, number, scope_type), held in zip(statements, helds, strict=True):
            if held is _SKIP:
                continue
            text = doc_text[s:e]
            modal = self._modal(text, held)
            if modal is None:
                continue
            rule = next(r for r in self._tried(self.types, held) if r["re"].search(text))
            cues = [c for c in self._tried(self.strength_cues, held) if c["re"].search(text)]
            strong = [c for c in cues if c["strength"] == "strong"]
            weak = [c for c in cues if c["strength"] == "weak"]
            strength = "strong" if strong else "weak" if weak else modal[1]["strength"]
            conditions: list[dict[str, str]] = []
            for cond in self._tried(self.conditions, held):
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
                "parties": list(parties),
                "article": number,
                "treaty": ctx.work,
            }
            if rule["label"] == "COMMITMENT":
                attrs["subtype"] = rule.get("subtype", "other")
            if scope_type != "article":
                attrs["scope"] = scope_type
            out.append(Found(s, e, rule["label"], rule["id"], VERSION, None, attrs, 0.8))
        return out

    def _held(self, doc: Doc, statements: list[tuple[int, int, str | None, str]]) -> list[Any]:
        """Per statement, the literals it holds (`_SKIP` when the modal gate rules it out; None when no
        literal gating is done)."""
        gate = self.prefilter
        if gate is None:
            return [None] * len(statements)
        doc_text = text_of(doc)
        low = lowered(doc) if self.ascii_literals else None
        if low is None:  # lower-casing changes the length (or a literal is not ASCII): lower each statement
            lows = [doc_text[s:e].lower() for s, e, _, _ in statements]
        else:
            lows = [low[s:e] for s, e, _, _ in statements]
        literals = self.literals
        out: list[Any] = []
        for stmt_low in lows:
            held = frozenset([x for x in literals if x in stmt_low])
            out.append(_SKIP if gate and gate.isdisjoint(held) else held)
        return out

    @staticmethod
    def _tried(rules: list[dict[str, Any]], held: frozenset[str] | None) -> list[dict[str, Any]]:
        """The rules worth trying on a statement holding the literals `held`: those without literals and
        those with one of theirs held (all of them when `held` is None: no literal skips)."""
        if held is None:
            return rules
        return [r for r in rules if r["lits"] is None or not r["lits"].isdisjoint(held)]

    def _modal(self, text: str, held: frozenset[str] | None) -> tuple[str, dict[str, Any]] | None:
        best: tuple[int, int, str, dict[str, Any]] | None = None
        for modal in self._tried(self.modals, held):
            m = modal["re"].search(text)
            if m and (best is None or (m.start(), -len(m.group(0))) < (best[0], -best[1])):
                best = (m.start(), len(m.group(0)), m.group(0), modal)
        return (best[2], best[3]) if best else None


@Language.factory("foedus_deontic", default_config={"lexicon": "deontic.toml"})
def make_deontic_tagger(nlp: Language, name: str, lexicon: str) -> DeonticTagger:
    return DeonticTagger(nlp, name, load_toml(lexicon))
