"""The read model: plain dicts for the CLI and the HTTP API, answered by `.rq` files.

Every function takes a `GraphStore` first.  User input (ids, search strings) reaches
SPARQL only as bound values.  The dict shapes are documented in docs/ontology.md.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import Literal

from foedus.ontology import iris
from foedus.store.base import GraphStore

READ_QUERIES = Path(__file__).with_name("queries") / "read"


@cache
def _text(name: str) -> str:
    return (READ_QUERIES / f"{name}.rq").read_text(encoding="utf-8")


def _rows(store: GraphStore, name: str, **bindings: Any) -> list[dict[str, Any]]:
    bound = {k: v for k, v in bindings.items() if v is not None}
    return store.query(_text(name), bindings=bound or None).python()


def _lang(tag: object) -> str | None:
    """`zh-Hans` / `zh-hans` (Oxigraph lowercases tags) → `zh`; `en` → `en`."""
    if not tag:
        return None
    return str(tag).lower().split("-")[0]


def _labels(rows: list[dict[str, Any]], value: str = "label", lang: str = "lang") -> dict[str, str]:
    out: dict[str, str] = {}
    for r in rows:
        code = _lang(r.get(lang))
        if r.get(value) and code in ("en", "zh") and code not in out:
            out[code] = str(r[value])
    return out


def _iso(value: object) -> str | None:
    return None if value is None else (value.isoformat() if hasattr(value, "isoformat") else str(value))


def _num(value: object) -> float | None:
    return None if value is None else round(float(value), 4)


def _int(value: object) -> int | None:
    return None if value is None else int(value)


def _group(rows: list[dict[str, Any]], key: str) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        out[str(r[key])].append(r)
    return out


# ------------------------------------------------------------------ cases
def _alliances(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    by_role: dict[str, list[dict[str, Any]]] = {"proposed": [], "formed": [], "ended": []}
    for (role, item), group in _group_pairs(rows, "role", "itemId").items():
        first = group[0]
        entry = {
            "id": item,
            "label": _labels(group),
            "form": first.get("form"),
            "strength": first.get("strength"),
            "consistent": first.get("formConsistent"),
            "strength_consistent": first.get("strengthConsistent"),
        }
        if role == "proposed":
            entry["outcome"] = first.get("outcome")
        entry.update(_strength_source(role, entry["strength"], group))
        by_role[role].append(entry)
    return by_role


def _strength_source(role: str, strength: object, group: list[dict[str, Any]]) -> dict[str, Any]:
    """Where an item's strength comes from: a proposal's intended strength (case data), the
    treaty's own texts, or a draft of it (never silently: the draft and its documents are named)."""
    if role == "proposed":
        return {"strength_source": "intended" if strength else None}
    draft = next((str(r["strengthDraft"]) for r in group if r.get("strengthDraft")), None)
    documents = sorted({str(r["strengthDocument"]) for r in group if r.get("strengthDocument")})
    observed = any(r.get("observedStrength") for r in group)
    return {
        "strength_source": ("draft" if draft else "text") if observed else None,
        "strength_draft": draft,
        "strength_documents": documents,
    }


def _group_pairs(rows: list[dict[str, Any]], a: str, b: str) -> dict[tuple[str, str], list[dict[str, Any]]]:
    out: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in rows:
        out.setdefault((str(r[a]), str(r[b])), []).append(r)
    return out


def _claims(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "about": r["about"],
            "value": r["value"],
            "compared_with": "formed" if r.get("stance") == "formed" else "prediction",
            "agrees": r.get("agrees"),
            "quote": r["quote"],
            "document": r["document"],
            "start": _int(r["start"]),
            "end": _int(r["end"]),
        }
        for r in rows
    ]


def _evidence(rows: list[dict[str, Any]], detailed: bool = False) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    titles: dict[str, dict[str, str]] = defaultdict(dict)
    for r in rows:
        ann = str(r["annotation"])
        code = _lang(r.get("sectionLang")) or "und"
        if r.get("sectionTitle"):
            titles[ann].setdefault(code, str(r["sectionTitle"]))
        if ann in out:
            continue
        item = {
            "document": r["document"],
            "start": _int(r["start"]),
            "end": _int(r["end"]),
            "quote": r["quote"],
            "section": r.get("section"),
            "page": _int(r.get("page")),
            "label": r["label"],
        }
        if detailed:
            item.update(
                annotation=ann.rsplit("/", 1)[-1],
                weight=_num(r.get("weight")),
                base_weight=_num(r.get("baseWeight")),
                overlap=_num(r.get("overlap")),
                value=_num(r.get("value")),
                direction=r.get("direction"),
                intensity=r.get("intensity"),
                date=r.get("date"),
                date_end=r.get("dateEnd"),
                confidence=_num(r.get("confidence")),
                curated=r.get("curated"),
                source_kind=r.get("sourceKind"),
                modality=r.get("modality"),
            )
        out[ann] = item
    for ann, item in out.items():
        if titles[ann]:
            item["section_title"] = titles[ann]
    return list(out.values())


def _case_dict(group: list[dict[str, Any]], alliances, claims, evidence, detailed=False) -> dict[str, Any]:
    r = group[0]
    roles = _alliances(alliances)
    return {
        "id": r["caseId"],
        "label": _labels(group),
        "actor": r["actor"],
        "region": r["region"],
        "start": _iso(r["start"]),
        "end": _iso(r["end"]),
        "source": {"document": r.get("sourceDocument"), "section": r.get("section")},
        "threat": {
            "score": _num(r.get("score")),
            "level": r.get("level") or "unknown",
            "evidence_count": _int(r.get("n")) or 0,
        },
        "domain": r.get("domain"),
        "prediction": r.get("prediction"),
        "proposed": roles["proposed"],
        "formed": roles["formed"],
        "ended": roles["ended"],
        "consistent": {"proposed": r.get("proposedConsistent"), "formed": r.get("formedConsistent")},
        "author_claims": _claims(claims),
        "evidence": _evidence(evidence, detailed),
    }


def list_cases(store: GraphStore) -> list[dict[str, Any]]:
    """Every case with its derived verdict, observed alliances, author claims and evidence."""
    return _cases(store, None)


def _cases(store: GraphStore, case_id: str | None, detailed: bool = False) -> list[dict[str, Any]]:
    bound = Literal(case_id) if case_id is not None else None
    cases = _group(_rows(store, "cases", caseId=bound), "caseId")
    alliances = _group(_rows(store, "case_alliances", caseId=bound), "caseId")
    claims = _group(_rows(store, "case_claims", caseId=bound), "caseId")
    evidence = _group(_rows(store, "case_evidence", caseId=bound), "caseId")
    out = [
        _case_dict(group, alliances.get(cid, []), claims.get(cid, []), evidence.get(cid, []), detailed)
        for cid, group in cases.items()
    ]
    return sorted(out, key=lambda c: (c["start"] or "", c["id"]))


def explain_case(store: GraphStore, case_id: str) -> dict[str, Any] | None:
    """The chain verdict → domain → threat score → each threat annotation, plus alliances."""
    found = _cases(store, case_id, detailed=True)
    if not found:
        return None
    case = found[0]
    items = case["formed"] + case["ended"]
    works = {a["id"] for a in items} | {a["strength_draft"] for a in items if a.get("strength_draft")}
    # parties and obligations only: get_treaty's article texts are not needed here
    treaties = {t["id"]: t for w in sorted(works) for t in _treaty_dicts(store, w)}
    for item in items:
        t = treaties.get(item["id"])
        item["parties"] = t["parties"] if t else []
        # the defense obligations behind the observed strength: the draft's when it came from one
        source = treaties.get(item.get("strength_draft") or item["id"])
        item["obligations"] = [o for o in (source["obligations"] if source else []) if o["type"] == "defense"]
    case["unused_threats"] = _unused_threats(store, case_id, case["region"])
    level = case["threat"]["level"]
    case["chain"] = {
        "verdict": case["prediction"],
        "domain": case["domain"],
        "threat_level": level,
        "threat_score": case["threat"]["score"],
        "evidence_count": case["threat"]["evidence_count"],
        "rule": (
            "no dated threat evidence: no domain, no prediction"
            if level == "unknown"
            else "score between threat_low and threat_high: no domain"
            if level == "ambiguous"
            else f"threat {level} → domain of {case['domain']} → {case['prediction']}"
        ),
    }
    return case


def _unused_threats(store: GraphStore, case_id: str, region: str | None) -> list[dict[str, Any]]:
    """THREAT annotations dated in the case period that are not its evidence, each with the reasons."""
    out = []
    for r in _rows(store, "case_unused_threats", caseId=Literal(case_id)):
        reasons = []
        if r.get("intensity") is None:
            reasons.append("no intensity: the text gives no cue")
        weight = r.get("evidenceWeight")
        if weight is not None and float(weight) <= 0:
            reasons.append(
                f"weight 0 (modality {r.get('modality') or '—'}, source kind {r.get('sourceKind') or '—'})"
            )
        if r.get("region") is not None and not r.get("inRegion"):
            reasons.append(f"region {r['region']} is not within {region}")
        if r.get("region") is None and not r.get("aboutActor"):
            reasons.append("no region, and the case's actor is neither its source nor its target")
        share = float(r["share"])
        if share < float(r.get("minShare") or 0):
            reasons.append(f"only {share:.0%} of its date interval lies in the period")
        out.append(
            {
                "document": r["document"],
                "start": _int(r["start"]),
                "end": _int(r["end"]),
                "quote": r["quote"],
                "date": r.get("date"),
                "date_end": r.get("dateEnd"),
                "reasons": reasons,
            }
        )
    return out


# ------------------------------------------------------------------ treaties
def _obligations(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        key = str(r["obligation"])
        ob = out.get(key)
        if ob is None:
            ob = out[key] = {
                "article": r.get("article"),
                "type": r.get("type") or "other",
                "strength": r.get("strength"),
                "conditions": [],
                "start": _int(r["start"]),
                "end": _int(r["end"]),
                "quote": r["quote"],
                "document": r["document"],
                "lang": r.get("lang"),
            }
        if r.get("conditionKind") or r.get("conditionText"):
            cond = {"kind": r.get("conditionKind"), "text": r.get("conditionText")}
            if cond not in ob["conditions"]:
                ob["conditions"].append(cond)
    return list(out.values())


def _treaty_dicts(store: GraphStore, treaty_id: str | None) -> list[dict[str, Any]]:
    bound = Literal(treaty_id) if treaty_id is not None else None
    heads = _group(_rows(store, "treaties", treatyId=bound), "treatyId")
    links = _group(_rows(store, "treaty_parties", treatyId=bound), "treatyId")
    obligations = _group(_rows(store, "treaty_obligations", treatyId=bound), "treatyId")
    out = []
    for tid, group in heads.items():
        r = group[0]
        rel = links.get(tid, [])
        parties = sorted({x["value"] for x in rel if x["relation"] == "party"}, key=lambda q: int(q[1:]))
        out.append(
            {
                "id": tid,
                "kind": r["kind"],
                "title": _labels(group, "title"),
                "signed": _iso(r.get("signed")),
                "parties": parties,
                "multilateral": r.get("form") == "multilateral",
                "completeness": r.get("completeness"),
                "wikidata": r.get("wikidata"),
                "documents": sorted({x["value"] for x in rel if x["relation"] == "document"}),
                "obligations": _obligations(obligations.get(tid, [])),
            }
        )
    return sorted(out, key=lambda t: (t["signed"] or "", t["id"]))


def list_treaties(store: GraphStore) -> list[dict[str, Any]]:
    """Every treaty (and draft) with parties, form, completeness, documents and obligations."""
    return _treaty_dicts(store, None)


def get_treaty(store: GraphStore, treaty_id: str) -> dict[str, Any] | None:
    """One treaty, with its articles side by side in zh and en."""
    found = _treaty_dicts(store, treaty_id)
    if not found:
        return None
    treaty = found[0]
    articles: dict[str, dict[str, Any]] = {}
    for r in _rows(store, "treaty_articles", treatyId=Literal(treaty_id)):
        art = articles.setdefault(str(r["number"]), {"number": str(r["number"]), "obligations": []})
        code = _lang(r.get("lang")) or "und"
        art.setdefault(
            code,
            {"document": r["document"], "start": _int(r["start"]), "end": _int(r["end"]), "text": r["text"]},
        )
    for ob in treaty["obligations"]:
        if ob["article"] is not None:
            articles.setdefault(str(ob["article"]), {"number": str(ob["article"]), "obligations": []})
            articles[str(ob["article"])]["obligations"].append(ob)
    treaty["articles"] = sorted(
        articles.values(),
        key=lambda a: (
            not a["number"].isdigit(),
            int(a["number"]) if a["number"].isdigit() else 0,
            a["number"],
        ),
    )
    return treaty


# ------------------------------------------------------------------ actors
def _actor_index(store: GraphStore) -> dict[str, dict[str, Any]]:
    actors: dict[str, dict[str, Any]] = {}
    for r in _rows(store, "actors"):
        a = actors.setdefault(
            r["actorId"],
            {
                "id": r["actorId"],
                "wikidata": r.get("wikidata"),
                "gazetteer_id": r.get("gazetteerId"),
                "type": r.get("type"),
                "label": {},
                "aliases": {"en": [], "zh": []},
            },
        )
        code, name = _lang(r.get("lang")), r.get("name")
        if not name or code not in ("en", "zh"):
            continue
        if r["kind"] in ("pref", "label") and code not in a["label"]:
            a["label"][code] = name
        elif name not in a["aliases"][code] and name != a["label"].get(code):
            a["aliases"][code].append(name)
    return actors


def _match_score(q: str, names: list[str]) -> float:
    q = q.casefold().strip()
    best = 0.0
    for name in names:
        n = name.casefold()
        if n == q:
            return 1.0
        if n.startswith(q):
            best = max(best, 0.9)
        elif q in n:
            best = max(best, 0.75)
        else:
            best = max(best, 0.7 * difflib.SequenceMatcher(None, q, n).ratio())
    return best


def search_actors(store: GraphStore, q: str, limit: int = 20) -> list[dict[str, Any]]:
    """Actors whose zh/en labels or aliases match `q` (exact, prefix, substring, then fuzzy)."""
    if not q.strip():
        return []
    hits = []
    for a in _actor_index(store).values():
        names = list(a["label"].values()) + a["aliases"]["en"] + a["aliases"]["zh"]
        names += [x for x in (a["gazetteer_id"], a["wikidata"]) if x]
        score = _match_score(q, names)
        if score >= 0.45:
            hits.append(
                {
                    "id": a["id"],
                    "wikidata": a["wikidata"],
                    "type": a["type"],
                    "label": a["label"],
                    "score": round(score, 3),
                }
            )
    hits.sort(key=lambda h: (-h["score"], h["id"]))
    return hits[:limit]


def get_actor(store: GraphStore, actor_id: str) -> dict[str, Any] | None:
    """One actor: labels, aliases, treaties, obligations held, threats it is source or target of."""
    actor = _actor_index(store).get(actor_id)
    if actor is None:
        return None
    rows = _rows(store, "actor_relations", actor=iris.actor(actor_id))
    treaties = sorted({r["item"] for r in rows if r["relation"] == "treaty"})
    spans = [r for r in rows if r["relation"] != "treaty"]

    def _span(r: dict[str, Any]) -> dict[str, Any]:
        return {
            "quote": r.get("quote"),
            "document": r.get("document"),
            "start": _int(r.get("start")),
            "end": _int(r.get("end")),
        }

    actor["treaties"] = treaties
    actor["obligations"] = [
        _span(r) | {"treaty": r["item"], "type": r.get("detail")}
        for r in spans
        if r["relation"] == "obligation"
    ]
    actor["threats"] = [
        _span(r) | {"role": r["relation"].split("-")[1], "intensity": r.get("detail")}
        for r in spans
        if r["relation"].startswith("threat")
    ]
    return actor


# ------------------------------------------------------------------ documents
def list_documents(store: GraphStore) -> list[dict[str, Any]]:
    """Every catalogued document: id, kind, title, languages, source, complete."""
    out = []
    for doc_id, group in _group(_rows(store, "documents"), "documentId").items():
        r = group[0]
        out.append(
            {
                "id": doc_id,
                "kind": r["kind"],
                "title": _labels(group, "title"),
                "languages": sorted(set((r.get("languages") or "").split())),
                "source": r.get("source"),
                "complete": (r.get("completeness") == "complete") if r.get("completeness") else None,
            }
        )
    return out
