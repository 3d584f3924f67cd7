"""The bilingual gazetteer (data/gazetteer.toml) and the resolution of ambiguous names."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from foedus.annotate.resources import load_toml, require
from foedus.errors import AnnotateError

TYPES = {"state", "organisation", "alliance", "person", "body"}


@dataclass(frozen=True)
class Actor:
    id: str
    type: str
    qid: str | None = None
    valid: tuple[int, int] | None = None
    communist: bool = False
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lang -> names
    en_cased: tuple[str, ...] = ()
    short_zh: str | None = None
    ambiguous: tuple[str, ...] = ()  # candidate actor ids

    def valid_in(self, year: int) -> bool:
        return self.valid is None or self.valid[0] <= year <= self.valid[1]


@dataclass(frozen=True)
class CueRule:
    id: str
    actor: str
    candidate: str
    cues: dict[str, tuple[str, ...]]


class Gazetteer:
    """Actors by id, with the names each language uses for them."""

    def __init__(self, raw: dict[str, Any], ambiguity: dict[str, Any], where: str = "gazetteer") -> None:
        self.raw = raw
        self.ambiguity_raw = ambiguity
        self.actors: dict[str, Actor] = {}
        for rec in raw.get("actor", []):
            require(rec, ("id", "type"), where)
            if rec["type"] not in TYPES:
                raise AnnotateError(
                    f"{where}: actor {rec['id']!r} has type {rec['type']!r}; expected {sorted(TYPES)}"
                )
            if rec["id"] in self.actors:
                raise AnnotateError(f"{where}: duplicate actor id {rec['id']!r}")
            valid = rec.get("valid")
            self.actors[rec["id"]] = Actor(
                id=rec["id"],
                type=rec["type"],
                qid=rec.get("qid"),
                valid=(int(valid[0]), int(valid[1])) if valid else None,
                communist=bool(rec.get("communist", False)),
                names={lang: tuple(rec.get(lang, [])) for lang in ("zh", "en")},
                en_cased=tuple(rec.get("en_cased", [])),
                short_zh=rec.get("short_zh"),
                ambiguous=tuple(rec.get("ambiguous", [])),
            )
        for actor in self.actors.values():
            for cand in actor.ambiguous:
                if cand not in self.actors:
                    raise AnnotateError(f"{where}: actor {actor.id!r} lists unknown candidate {cand!r}")
        self.cue_rules = [
            CueRule(
                id=r["id"],
                actor=r["actor"],
                candidate=r["candidate"],
                cues={"zh": tuple(r.get("cues_zh", [])), "en": tuple(r.get("cues_en", []))},
            )
            for r in ambiguity.get("rule", [])
        ]

    @classmethod
    def load(cls, gazetteer: str = "gazetteer.toml", ambiguity: str = "ambiguity.toml") -> Gazetteer:
        return cls(load_toml(gazetteer), load_toml(ambiguity), where=gazetteer)

    def by_qid(self, qid: str) -> Actor | None:
        return next((a for a in self.actors.values() if a.qid == qid), None)

    def short_forms(self) -> dict[str, str]:
        """Single-character zh abbreviation -> actor id."""
        return {a.short_zh: a.id for a in self.actors.values() if a.short_zh}

    def zh_names(self) -> list[str]:
        return sorted({n for a in self.actors.values() for n in a.names.get("zh", ())})

    def resolve(
        self, actor_id: str, lang: str, sentence: str, parties: list[str], year: int | None
    ) -> tuple[Actor | None, dict[str, Any], float]:
        """The actor a mention of `actor_id` denotes, the ACTOR attributes, and a confidence."""
        actor = self.actors[actor_id]
        if not actor.ambiguous:
            return actor, {"actor": actor.id, "type": actor.type}, 1.0
        cands = [self.actors[c] for c in actor.ambiguous]
        for rule in self.cue_rules:
            if rule.actor == actor_id and any(cue in sentence for cue in rule.cues.get(lang, ())):
                chosen = self.actors[rule.candidate]
                return chosen, _resolved(chosen, "context", rule.id), 0.85
        in_treaty = [c for c in cands if c.qid in parties]
        if len(in_treaty) == 1:
            return in_treaty[0], _resolved(in_treaty[0], "context", "treaty-parties"), 0.9
        if year is not None:
            valid = [c for c in cands if c.valid_in(year)]
            if len(valid) == 1:
                return valid[0], _resolved(valid[0], "date", str(year)), 0.8
        attrs = {
            "actor": actor.id,
            "type": actor.type,
            "ambiguous": True,
            "candidates": [c.qid for c in cands if c.qid],
        }
        return None, attrs, 0.5


def _resolved(actor: Actor, how: str, why: str) -> dict[str, Any]:
    return {"actor": actor.id, "type": actor.type, "resolved_by": how, "resolution_rule": why}
