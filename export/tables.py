"""Tables for spreadsheets and dataframes: obligations (treaties × obligations), actors, threats
and cases with verdicts, as CSV or Parquet.

Treaties and cases come from the ontology read model (`list_treaties`, `list_cases`); when the
read model gives no treaties, obligations come from the OBLIGATION/COMMITMENT annotations of the
snapshot.  Rows are streamed into the writers; only the actor tally is held in memory.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from foedus.export.job import ExportJob
from foedus.export.report import ExportReport
from foedus.model import Label

Row = dict[str, Any]
STR, INT, FLOAT, BOOL, LIST = pa.string(), pa.int64(), pa.float64(), pa.bool_(), pa.list_(pa.string())


@dataclass(frozen=True)
class Table:
    name: str
    columns: list[tuple[str, pa.DataType]]
    rows: Callable[[ExportJob], Iterator[Row]]


def _read_model(job: ExportJob, name: str) -> list[dict[str, Any]]:
    from foedus.ontology import read

    with job.open_store() as store:
        return getattr(read, name)(store)


def obligation_rows(job: ExportJob) -> Iterator[Row]:
    treaties = _read_model(job, "list_treaties")
    for t in treaties:
        for ob in t.get("obligations") or []:
            yield {
                "treaty": t["id"],
                "title_en": (t.get("title") or {}).get("en"),
                "title_zh": (t.get("title") or {}).get("zh"),
                "signed": t.get("signed"),
                "parties": t.get("parties") or [],
                "multilateral": t.get("multilateral"),
                "label": Label.OBLIGATION.value,
                "article": ob.get("article"),
                "type": ob.get("type"),
                "strength": ob.get("strength"),
                "conditions": json.dumps(ob.get("conditions"), ensure_ascii=False),
                "document": ob.get("document"),
                "lang": ob.get("lang"),
                "start": ob.get("start"),
                "end": ob.get("end"),
                "quote": ob.get("quote"),
                "from": "read-model",
            }
    if treaties:
        return
    for doc, anns in job.iter_documents():
        title = doc.metadata.get("title") or {}
        for a in anns:
            if a.label not in (Label.OBLIGATION, Label.COMMITMENT):
                continue
            at = a.attributes
            parties = at.get("parties") or doc.metadata.get("parties") or []
            yield {
                "treaty": at.get("treaty") or doc.metadata.get("work"),
                "title_en": title.get("en"),
                "title_zh": title.get("zh"),
                "signed": doc.metadata.get("date"),
                "parties": list(parties),
                "multilateral": len(parties) > 2 if parties else None,
                "label": a.label,
                "article": at.get("article"),
                "type": at.get("type"),
                "strength": at.get("strength"),
                "conditions": json.dumps(at.get("conditions") or [], ensure_ascii=False),
                "document": doc.id,
                "lang": a.lang or doc.lang_at(a.start),
                "start": a.start,
                "end": a.end,
                "quote": a.text,
                "from": "annotations",
            }


def threat_rows(job: ExportJob) -> Iterator[Row]:
    for doc, anns in job.iter_documents():
        for a in anns:
            if a.label != Label.THREAT:
                continue
            at = a.attributes
            yield {
                "id": a.id,
                "document": doc.id,
                "start": a.start,
                "end": a.end,
                "quote": a.text,
                "lang": a.lang or doc.lang_at(a.start),
                "source": at.get("source"),
                "target": at.get("target"),
                "region": at.get("region"),
                "direction": at.get("direction"),
                "intensity": at.get("intensity"),
                "cue": at.get("cue"),
                "walt": list(at.get("walt") or []),
                "date": None if at.get("date") is None else str(at.get("date")),
                "date_end": None if at.get("date_end") is None else str(at.get("date_end")),
                "date_source": at.get("date_source"),
                "annotator": a.annotator,
                "confidence": a.confidence,
                "curated": a.annotator == "curated",
            }


def actor_rows(job: ExportJob) -> Iterator[Row]:
    tally: dict[str, dict[str, Any]] = {}
    for doc, anns in job.iter_documents():
        for a in anns:
            if a.label != Label.ACTOR:
                continue
            key = a.entity or a.attributes.get("actor") or a.text
            row = tally.setdefault(
                key,
                {
                    "entity": a.entity,
                    "actor": a.attributes.get("actor"),
                    "type": a.attributes.get("type"),
                    "mentions": 0,
                    "docs": set(),
                    "names": Counter(),
                },
            )
            row["mentions"] += 1
            row["docs"].add(doc.id)
            row["names"][a.text] += 1
    for row in sorted(tally.values(), key=lambda r: -r["mentions"]):
        yield {
            "entity": row["entity"],
            "actor": row["actor"],
            "type": row["type"],
            "mentions": row["mentions"],
            "documents": len(row["docs"]),
            "names": [n for n, _ in row["names"].most_common(20)],
        }


def case_rows(job: ExportJob) -> Iterator[Row]:
    for c in _read_model(job, "list_cases"):
        threat, consistent = c.get("threat") or {}, c.get("consistent") or {}
        yield {
            "id": c["id"],
            "label_en": (c.get("label") or {}).get("en"),
            "label_zh": (c.get("label") or {}).get("zh"),
            "actor": c.get("actor"),
            "region": c.get("region"),
            "start": c.get("start"),
            "end": c.get("end"),
            "threat_score": threat.get("score"),
            "threat_level": threat.get("level"),
            "domain": c.get("domain"),
            "prediction": c.get("prediction"),
            "proposed": json.dumps(c.get("proposed") or [], ensure_ascii=False),
            "formed": json.dumps(c.get("formed") or [], ensure_ascii=False),
            "ended": json.dumps(c.get("ended") or [], ensure_ascii=False),
            "consistent_proposed": consistent.get("proposed"),
            "consistent_formed": consistent.get("formed"),
            "author_claims": len(c.get("author_claims") or []),
            "evidence": len(c.get("evidence") or []),
        }


TABLES = [
    Table(
        "obligations",
        [
            ("treaty", STR),
            ("title_en", STR),
            ("title_zh", STR),
            ("signed", STR),
            ("parties", LIST),
            ("multilateral", BOOL),
            ("label", STR),
            ("article", STR),
            ("type", STR),
            ("strength", STR),
            ("conditions", STR),
            ("document", STR),
            ("lang", STR),
            ("start", INT),
            ("end", INT),
            ("quote", STR),
            ("from", STR),
        ],
        obligation_rows,
    ),
    Table(
        "actors",
        [
            ("entity", STR),
            ("actor", STR),
            ("type", STR),
            ("mentions", INT),
            ("documents", INT),
            ("names", LIST),
        ],
        actor_rows,
    ),
    Table(
        "threats",
        [
            ("id", STR),
            ("document", STR),
            ("start", INT),
            ("end", INT),
            ("quote", STR),
            ("lang", STR),
            ("source", STR),
            ("target", STR),
            ("region", STR),
            ("direction", STR),
            ("intensity", STR),
            ("cue", STR),
            ("walt", LIST),
            ("date", STR),
            ("date_end", STR),
            ("date_source", STR),
            ("annotator", STR),
            ("confidence", FLOAT),
            ("curated", BOOL),
        ],
        threat_rows,
    ),
    Table(
        "cases",
        [
            ("id", STR),
            ("label_en", STR),
            ("label_zh", STR),
            ("actor", STR),
            ("region", STR),
            ("start", STR),
            ("end", STR),
            ("threat_score", FLOAT),
            ("threat_level", STR),
            ("domain", STR),
            ("prediction", STR),
            ("proposed", STR),
            ("formed", STR),
            ("ended", STR),
            ("consistent_proposed", BOOL),
            ("consistent_formed", BOOL),
            ("author_claims", INT),
            ("evidence", INT),
        ],
        case_rows,
    ),
]

BATCH_ROWS = 10_000


def _coerce(value: Any, dtype: pa.DataType) -> Any:
    """A value in its column's type: annotators may give a list where one value is usual (a `cue`)."""
    if value is None:
        return None
    if dtype == STR and not isinstance(value, str):
        return json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else str(value)
    if dtype == LIST and not isinstance(value, list):
        return [str(value)]
    if dtype == LIST:
        return [v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for v in value]
    return value


def _typed(table: Table, row: Row) -> Row:
    return {name: _coerce(row.get(name), dtype) for name, dtype in table.columns}


def _csv_value(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value


def write_csv(job: ExportJob) -> ExportReport:
    report = ExportReport("csv", job.out_dir)
    for table in TABLES:
        path = job.path(f"{table.name}.csv")
        names = [n for n, _ in table.columns]
        with path.open("w", encoding="utf-8", newline="") as fh:
            out = csv.DictWriter(fh, fieldnames=names)
            out.writeheader()
            for row in table.rows(job):
                out.writerow({k: _csv_value(v) for k, v in _typed(table, row).items()})
                report.counts[f"{table.name} rows"] += 1
        report.files += 1
        report.outputs.append(path)
    return report


def write_parquet(job: ExportJob) -> ExportReport:
    import pyarrow.parquet as pq

    report = ExportReport("parquet", job.out_dir)
    for table in TABLES:
        path = job.path(f"{table.name}.parquet")
        schema = pa.schema(table.columns)
        with pq.ParquetWriter(path, schema) as out:
            batch: list[Row] = []
            for row in table.rows(job):
                batch.append(_typed(table, row))
                report.counts[f"{table.name} rows"] += 1
                if len(batch) >= BATCH_ROWS:
                    out.write_table(pa.Table.from_pylist(batch, schema=schema))
                    batch = []
            out.write_table(pa.Table.from_pylist(batch, schema=schema))
        report.files += 1
        report.outputs.append(path)
    return report
