"""End to end on the real corpus in ../shared: build, then check concrete facts through the CLI."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from support import as_json, foedus  # tests/support.py (tests/ is on pytest's pythonpath)


def test_documents_contract(built_store: Path, catalogue) -> None:
    rows = as_json(foedus("documents", "--format", "json", store=built_store))
    assert {r["id"] for r in rows} == {e.id for e in catalogue.entries}
    for r in rows:
        assert set(r) >= {"id", "kind", "title", "languages", "source", "complete"}
        assert isinstance(r["languages"], list) and isinstance(r["complete"], bool)


def test_show_contract_offsets_are_code_points(built_store: Path) -> None:
    doc = as_json(foedus("show", "nato-1949.zh", "--format", "json", store=built_store))
    assert set(doc) >= {"id", "metadata", "text", "segments", "structure", "footnotes"}
    text = doc["text"]
    arts = [n for n in doc["structure"] if n["type"] == "article"]
    assert [a["number"] for a in arts][:4] == ["1", "2", "3", "4"]
    assert text[arts[0]["start"] :].startswith("第一条")
    assert all(s["lang"] == "zh" for s in doc["segments"])


def test_book_metadata_and_footnotes(built_store: Path) -> None:
    doc = as_json(foedus("show", "xiao-2012-balance-of-threat", "--format", "json", store=built_store))
    assert doc["metadata"]["bibliographic"]["isbn"] == "9787510049187"
    assert len(doc["footnotes"]) == 7  # the seven <sup> anchors of the excerpt
    for fn in doc["footnotes"]:
        assert doc["text"][fn["start"] : fn["end"]] == fn["text"]


def test_nato_has_twelve_signatories_and_article_5_defense(built_store: Path) -> None:
    treaties = as_json(foedus("treaties", "--format", "json", store=built_store))
    nato = next(t for t in treaties if t["id"] == "nato-1949")
    assert len(nato["parties"]) == 12 and "Q30" in nato["parties"]
    assert nato["multilateral"] is True
    art5 = [o for o in nato["obligations"] if o["article"] == "5" and o["type"] == "defense"]
    assert art5 and any(o["strength"] == "strong" for o in art5)


def test_every_case_is_derived_and_cites_text(built_store: Path) -> None:
    cases = as_json(foedus("cases", "--format", "json", store=built_store))
    ids = {c["id"] for c in cases}
    assert len(ids) >= 6
    decided = [c for c in cases if c["threat"]["level"] in ("high", "low")]
    # A case whose period no dated threat statement reaches is `unknown`, one whose evidence
    # balances out is `ambiguous`: neither gets a default verdict.
    assert len(decided) >= len(cases) // 2
    for c in cases:
        assert c["start"] and c["end"], c["id"]
        assert c["actor"].startswith("Q")
        assert c["threat"]["level"] in ("high", "low", "ambiguous", "unknown"), c["id"]
        if c["threat"]["level"] not in ("high", "low"):
            assert c["domain"] is None and c["prediction"] is None, c["id"]
            continue
        assert c["threat"]["level"] in ("high", "low"), c["id"]
        assert c["domain"] == {"high": "losses", "low": "gains"}[c["threat"]["level"]]
        assert c["prediction"] == {"losses": "multilateral-strong", "gains": "bilateral-weak"}[c["domain"]]
        assert c["evidence"], c["id"]
        for ev in c["evidence"]:
            assert ev["quote"] and ev["document"] and ev["end"] > ev["start"]


def test_explain_reaches_quotes(built_store: Path) -> None:
    cases = as_json(foedus("cases", "--format", "json", store=built_store))
    chain = as_json(foedus("cases", "--explain", cases[0]["id"], "--format", "json", store=built_store))
    assert "quote" in json.dumps(chain, ensure_ascii=False)


def test_the_authors_claims_and_an_unknown_case_explained(built_store: Path) -> None:
    cases = {c["id"]: c for c in as_json(foedus("cases", "--format", "json", store=built_store))}
    # "the United States built bilateral alliances with the Philippines and Japan": an outcome, compared
    # with what 1950-51 formed (US-Philippines, US-Japan), not with the multilateral prediction
    built = [c for c in cases["us-asia-1950-1951"]["author_claims"] if c["compared_with"] == "formed"]
    assert built and all(c["value"] == "bilateral" and c["agrees"] is True for c in built)
    # the Chinese preface states the model's general rules: none of its claims is about a case
    book = as_json(foedus("show", "xiao-2012-balance-of-threat", "--format", "json", store=built_store))
    qianyan = next(n for n in book["structure"] if n["type"] == "preface" and n["title"] == "前言")
    for case in cases.values():
        assert not [c for c in case["author_claims"] if qianyan["start"] <= c["start"] < qianyan["end"]]
    # a case without a verdict says which threats of its period did not count, and why
    unknown = [c for c in cases.values() if c["threat"]["level"] == "unknown"]
    for case in unknown:
        chain = as_json(foedus("cases", "--explain", case["id"], "--format", "json", store=built_store))
        assert all(u["reasons"] for u in chain["unused_threats"]), case["id"]


def test_annotations_jsonl_contract(built_store: Path) -> None:
    proc = foedus("annotations", "--document", "nato-1949.en", "--format", "jsonl", store=built_store)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert rows
    labels = {"ACTOR", "THREAT", "OBLIGATION", "COMMITMENT", "CLAIM", "DATE", "EVENT"}
    for r in rows:
        assert set(r) == {
            "document",
            "start",
            "end",
            "text",
            "label",
            "entity",
            "attributes",
            "rule",
            "annotator",
            "confidence",
        }
        assert r["label"] in labels


def test_rebuild_is_deterministic_and_keeps_one_copy(
    built_store: Path, corpus_root: Path, tmp_path: Path
) -> None:
    from foedus.pipeline import build
    from foedus.store import open_store

    with open_store(built_store, read_only=True) as st:
        first = st.count()
    build(built_store, corpus=corpus_root)
    with open_store(built_store, read_only=True) as st:
        assert st.count() == first


def test_unknown_corpus_names_the_three_ways(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "FOEDUS_CORPUS"}
    proc = foedus("build", "--corpus", str(tmp_path / "nowhere"), store=tmp_path / "s", env=env)
    assert proc.returncode == 1
    assert "--corpus" in proc.stderr and "nowhere" in proc.stderr
    isolated = tmp_path / "a" / "b"
    isolated.mkdir(parents=True)
    proc = foedus("build", store=tmp_path / "s", cwd=isolated, env=env)
    if (isolated.parent / "shared").exists():
        pytest.skip("a shared folder exists beside the temporary directory")
    assert proc.returncode == 1
    assert "--corpus" in proc.stderr and "FOEDUS_CORPUS" in proc.stderr and "../shared" in proc.stderr


def test_query_validate_and_export_list(built_store: Path) -> None:
    listed = foedus("query", "--list")
    assert listed.returncode == 0 and "chapter_citations" in listed.stdout
    rows = as_json(foedus("query", "chapter_citations", "--format", "json", store=built_store))
    assert rows and all(isinstance(r, dict) for r in rows)
    unknown = foedus("query", "no_such_query", store=built_store)
    assert unknown.returncode == 1 and "no_such_query" in unknown.stderr
    report = as_json(foedus("validate", "--format", "json", store=built_store))
    assert report["conforms"] is True and report["violations"] == []
    formats = foedus("export", "--list")
    for name in (
        "webannotation",
        "nif",
        "brat",
        "xmi",
        "docbin",
        "jsonl",
        "conll",
        "csv",
        "parquet",
        "turtle",
        "nquads",
        "jsonld",
    ):
        assert name in formats.stdout, name


def test_evaluate_json_is_clean(tmp_path: Path) -> None:
    report = as_json(foedus("evaluate", "--format", "json"))
    assert isinstance(report, dict) and report


def test_tables_and_dumps_of_the_real_build(built_store: Path, tmp_path: Path) -> None:
    import pandas as pd
    from rdflib import Dataset

    from foedus.export import export

    export("csv", built_store, tmp_path / "csv")
    export("parquet", built_store, tmp_path / "parquet")
    tables = {p.stem: pd.read_csv(p) for p in (tmp_path / "csv").glob("*.csv")}
    assert {"cases", "treaties"} <= set(tables) or any("case" in t for t in tables), sorted(tables)
    for name, frame in tables.items():
        parquet = pd.read_parquet(tmp_path / "parquet" / f"{name}.parquet")
        assert len(parquet) == len(frame), name
    cases = next(frame for name, frame in tables.items() if "case" in name)
    assert len(cases) >= 6
    export("nquads", built_store, tmp_path / "nq")
    ds = Dataset()
    ds.parse(next((tmp_path / "nq").glob("*.nq")), format="nquads")
    assert len(list(ds.graphs())) > 30
