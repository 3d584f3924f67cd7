"""Load the cases and proposals the prospect-threat model is tested on.

Cases are data (`corpus/cases.toml`): actor, region, period, sources and the proposals
and treaties they concern — never a domain, prediction or threat level, which the
derivation computes.  A corpus root holding `foedus-cases.toml` adds cases and
proposals, and replaces packaged ones that share an id (see `cases_for`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from foedus.errors import CorpusError
from foedus.tomlfile import read_toml

PACKAGED_CASES = Path(__file__).with_name("cases.toml")
CORPUS_CASES_NAME = "foedus-cases.toml"
FORMS = {"bilateral", "multilateral"}
STRENGTHS = {"strong", "weak"}
_QID = re.compile(r"^Q\d+$")


@dataclass
class Proposal:
    """A proposed alliance: a recorded fact about what an actor proposed (not a verdict)."""

    id: str
    label: dict[str, str]
    proposer: str
    form: str
    strength: str | None = None
    date: str | None = None
    date_end: str | None = None
    outcome: str | None = None
    opposed_by: list[str] = field(default_factory=list)
    model: str | None = None
    source: dict[str, str] = field(default_factory=dict)


@dataclass
class Case:
    """One actor's alliance choices in one region and period."""

    id: str
    actor: str
    region: str
    start: str
    end: str
    label: dict[str, str]
    source: dict[str, str] = field(default_factory=dict)
    proposals: list[Proposal] = field(default_factory=list)
    formed: list[str] = field(default_factory=list)
    ended: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)


def _iso_day(value: Any, where: str, key: str) -> str:
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise CorpusError(f"{where}: {key} = {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _qid(value: Any, where: str, key: str) -> str:
    if not isinstance(value, str) or not _QID.match(value):
        raise CorpusError(f"{where}: {key} = {value!r} is not a Wikidata id such as 'Q30'")
    return value


def _require(raw: dict[str, Any], keys: tuple[str, ...], where: str) -> None:
    missing = [k for k in keys if k not in raw]
    if missing:
        raise CorpusError(f"{where}: lacks {', '.join(missing)}")


def _proposal(raw: dict[str, Any], path: Path) -> Proposal:
    where = f"{path}: proposal {raw.get('id', '?')!r}"
    _require(raw, ("id", "label", "proposer", "form", "source"), where)
    if raw["form"] not in FORMS:
        raise CorpusError(f"{where}: form = {raw['form']!r}; expected one of {sorted(FORMS)}")
    if raw.get("strength") is not None and raw["strength"] not in STRENGTHS:
        raise CorpusError(f"{where}: strength = {raw['strength']!r}; expected one of {sorted(STRENGTHS)}")
    unknown = set(raw) - set(Proposal.__dataclass_fields__)
    if unknown:
        raise CorpusError(f"{where}: unknown field(s) {sorted(unknown)}")
    data = dict(raw)
    data["proposer"] = _qid(raw["proposer"], where, "proposer")
    data["opposed_by"] = [_qid(q, where, "opposed_by") for q in raw.get("opposed_by", [])]
    return Proposal(**data)


def _case(raw: dict[str, Any], proposals: dict[str, Proposal], path: Path) -> Case:
    where = f"{path}: case {raw.get('id', '?')!r}"
    _require(raw, ("id", "actor", "region", "start", "end", "label"), where)
    for forbidden in ("domain", "prediction", "threat", "threat_level", "verdict"):
        if forbidden in raw:
            raise CorpusError(f"{where}: {forbidden!r} is derived from the texts, not given as data")
    unknown = set(raw) - set(Case.__dataclass_fields__)
    if unknown:
        raise CorpusError(f"{where}: unknown field(s) {sorted(unknown)}")
    start, end = _iso_day(raw["start"], where, "start"), _iso_day(raw["end"], where, "end")
    if end < start:
        raise CorpusError(f"{where}: end {end} is before start {start}")
    missing = [p for p in raw.get("proposals", []) if p not in proposals]
    if missing:
        raise CorpusError(f"{where}: unknown proposal id(s) {missing}")
    data = dict(raw)
    data.update(
        actor=_qid(raw["actor"], where, "actor"),
        start=start,
        end=end,
        proposals=[proposals[p] for p in raw.get("proposals", [])],
    )
    return Case(**data)


def _read(path: Path) -> dict[str, Any]:
    return read_toml(path, CorpusError, "cases file")


def load_cases(path: Path = PACKAGED_CASES, extra: Path | None = None) -> list[Case]:
    """Cases from `path`; cases and proposals in `extra` are added or replace those with the same id."""
    raws = [(path, _read(path))] + ([(extra, _read(extra))] if extra else [])
    proposals: dict[str, Proposal] = {}
    for p, raw in raws:
        for item in raw.get("proposal", []):
            proposal = _proposal(item, p)
            proposals[proposal.id] = proposal
    cases: dict[str, Case] = {}
    for p, raw in raws:
        seen: set[str] = set()
        for item in raw.get("case", []):
            case = _case(item, proposals, p)
            if case.id in seen:
                raise CorpusError(f"{p}: duplicate case id {case.id!r}")
            seen.add(case.id)
            cases[case.id] = case
    return list(cases.values())


def cases_for(root: Path | None, cases: str | Path | None = None) -> list[Case]:
    """The cases to build with: an explicit file, else the packaged ones plus the root's own."""
    if cases:
        return load_cases(Path(cases))
    own = root / CORPUS_CASES_NAME if root is not None else None
    return load_cases(PACKAGED_CASES, own if own is not None and own.is_file() else None)
