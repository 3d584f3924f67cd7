"""Round trip: export, correct in brat or as Web Annotations, import, rebuild, and the rebuilt
data uses the corrected facts; bad quotes are clear errors and write nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from rdflib import RDF, Literal, URIRef

from foedus.export import export, import_corrections
from foedus.export.corrections import CorrectionError
from foedus.export.curation import CuratedAnnotation, apply_curation, curated_graph, load_curated
from foedus.export.synthetic import commit_store, synthetic_corpus
from foedus.model import Annotation
from foedus.ontology import iris
from foedus.store.snapshot import read_snapshot

PROV = iris.PROV


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    store = tmp_path / "store"
    commit_store(store, synthetic_corpus(4))
    return store


def rebuild(store_dir: Path) -> None:
    """What the build does with curation: automatic annotations, then the curated records over them."""
    from foedus.store import current_build

    curated = load_curated(store_dir)
    items = list(read_snapshot(current_build(store_dir)))
    automatic = {doc.id: anns for doc, anns in synthetic_corpus(4)}
    commit_store(store_dir, [(doc, apply_curation(doc, automatic[doc.id], curated)) for doc, _ in items])


def _edit(path: Path, pattern: str, repl: str) -> None:
    text = path.read_text(encoding="utf-8")
    new, n = re.subn(pattern, repl, text, count=1, flags=re.M)
    assert n == 1, pattern
    path.write_text(new, encoding="utf-8")


def test_brat_round_trip_changes_intensity_fixes_a_span_and_deletes(store_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "brat"
    export("brat", store_dir, out)
    ann = out / "synthetic-0.ann"
    text = (out / "synthetic-0.txt").read_text(encoding="utf-8")
    lines = ann.read_text(encoding="utf-8").splitlines()
    threat_id = next(line.split("\t")[0] for line in lines if "\tTHREAT " in line)
    # 1. the THREAT's intensity: high -> low (an attribute edited in brat)
    _edit(ann, rf"^(A\d+\tintensity {threat_id}) high$", r"\1 low")
    # 2. an ACTOR span narrowed in brat: 中华民国 -> 中华
    actor = next(
        line for line in lines if line.split("\t")[1].startswith("ACTOR ") and line.endswith("中华民国")
    )
    tid, spec, _ = actor.split("\t")
    start = int(spec.split()[1])
    _edit(ann, rf"^{tid}\tACTOR {start} {start + 4}\t中华民国$", f"{tid}\tACTOR {start} {start + 2}\t中华")
    # 3. delete the first OBLIGATION (its T line and everything attached to it)
    ob = next(line.split("\t")[0] for line in lines if line.split("\t")[1].startswith("OBLIGATION "))
    kept = [
        x
        for x in ann.read_text(encoding="utf-8").splitlines()
        if x.split("\t")[0] != ob and not re.search(rf" {ob}( |$)", x.split("\t")[1] if "\t" in x else "")
    ]
    ann.write_text("\n".join(kept) + "\n", encoding="utf-8")

    report = import_corrections(out, store_dir, who="alice")
    assert (report.changed, report.added, report.deleted) == (1, 1, 2)
    assert report.written is not None and report.written.parent == store_dir / "curated"
    records = load_curated(store_dir)
    assert {r.action for r in records} == {"upsert", "delete"}
    assert all(r.curated_by == "alice" and r.curated_from.endswith("synthetic-0.ann") for r in records)

    rebuild(store_dir)
    _, anns = next((d, a) for d, a in read_snapshot(store_dir / "current") if d.id == "synthetic-0")
    threat = next(a for a in anns if a.label == "THREAT" and a.annotator == "curated")
    assert threat.attributes["intensity"] == "low"
    assert threat.annotator == "curated" and threat.confidence == 1.0
    assert {"curated_by", "curated_at", "curated_from"} <= set(threat.attributes)
    assert any(a.label == "ACTOR" and a.text == "中华" for a in anns)
    assert not any(a.label == "ACTOR" and a.start == start and a.text == "中华民国" for a in anns)
    assert text[start : start + 2] == "中华"
    # the rebuilt tables (a derivation over the snapshot) use the corrected fact
    export("csv", store_dir, tmp_path / "csv")
    threats = pd.read_csv(tmp_path / "csv" / "threats.csv")
    row = threats[(threats.document == "synthetic-0") & (threats.start == threat.start)]
    assert list(row.intensity) == ["low"] and list(row.curated) == [True]
    # importing the same file again changes nothing more
    again = import_corrections(out, store_dir, who="alice")
    assert again.written is None and (again.changed, again.added, again.deleted) == (0, 0, 0)


def test_curated_graph_records_who_when_and_which_file(store_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "brat"
    export("brat", store_dir, out)
    ann = out / "synthetic-1.ann"
    _edit(ann, r"^(A\d+\tintensity T\d+) low$", r"\1 high")
    import_corrections(ann, store_dir, who="bob")
    g = curated_graph(load_curated(store_dir))
    assert g.identifier == URIRef("https://w3id.org/foedus/graph/curated")
    (act,) = set(g.subjects(RDF.type, PROV.Activity))
    who = g.value(act, PROV.wasAssociatedWith)
    assert g.value(who, URIRef("http://www.w3.org/2000/01/rdf-schema#label")) == Literal("bob")
    assert g.value(act, PROV.endedAtTime) is not None
    assert str(g.value(act, PROV.used)) == ann.resolve().as_uri()
    generated = set(g.subjects(PROV.wasGeneratedBy, act))
    assert len(generated) == 1


def test_a_wrong_quote_names_the_file_and_annotation_and_writes_nothing(
    store_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "brat"
    export("brat", store_dir, out)
    _edit(out / "synthetic-1.ann", r"^(A\d+\tintensity T\d+) low$", r"\1 high")  # a good edit in one file
    _edit(
        out / "synthetic-2.ann", r"^(T\d+)\tACTOR (\d+) (\d+)\t美国$", r"\1\tACTOR \2 \3\t英国"
    )  # a bad one
    with pytest.raises(CorrectionError, match=r"synthetic-2\.ann: T\d+ \(line \d+\): quote '英国'"):
        import_corrections(out, store_dir, who="carol")
    assert load_curated(store_dir) == []
    assert not (store_dir / "curated").exists() or not list((store_dir / "curated").iterdir())


def test_an_edited_txt_file_is_refused(store_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "brat"
    export("brat", store_dir, out, documents=["synthetic-1"])
    txt = out / "synthetic-1.txt"
    txt.write_text(txt.read_text(encoding="utf-8").replace("United", "Untied"), encoding="utf-8")
    with pytest.raises(CorrectionError, match=r"synthetic-1\.txt: differs from the canonical text"):
        import_corrections(out, store_dir, who="dave")


def test_webannotation_round_trip_and_quote_check(store_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "wa"
    export("webannotation", store_dir, out)
    path = out / "synthetic-3.jsonld"
    data = json.loads(path.read_text(encoding="utf-8"))
    items = data["first"]["items"]
    threat = next(i for i in items if i["body"][0]["value"] == "THREAT")
    attrs_body = next(b for b in threat["body"] if b.get("purpose") == "describing")
    attrs = json.loads(attrs_body["value"])
    attrs["intensity"] = "high"
    attrs_body["value"] = json.dumps(attrs)
    actor = next(i for i in items if i["body"][0]["value"] == "ACTOR")
    actor["body"] = [b for b in actor["body"] if b.get("purpose") != "identifying"] + [
        {"id": "http://www.wikidata.org/entity/Q148", "purpose": "identifying"}
    ]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    report = import_corrections(path, store_dir, who="erin")
    assert (report.changed, report.added, report.deleted) == (2, 0, 0)
    by_label = {r.label: r for r in load_curated(store_dir)}
    assert by_label["THREAT"].attributes["intensity"] == "high"
    assert by_label["ACTOR"].entity == "Q148"

    # a single annotation whose quote does not match: the error names the annotation id
    bad = dict(items[0])
    bad["target"] = json.loads(json.dumps(bad["target"]))
    bad["target"]["selector"][0]["exact"] = "nothing like this"
    bad["@context"] = data["@context"]
    single = tmp_path / "bad.jsonld"
    single.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(CorrectionError, match=re.escape(bad["id"]) + ".*does not match"):
        import_corrections(single, store_dir, who="erin")
    assert len(load_curated(store_dir)) == 2


def test_apply_curation_replaces_overlaps_of_the_same_label_only() -> None:
    from foedus.export.synthetic import synthetic_document

    doc, anns = synthetic_document(0)
    actor = next(a for a in anns if a.label == "ACTOR")
    common = {
        "curated_by": "x",
        "curated_at": "2026-01-01T00:00:00+00:00",
        "curated_from": "f.ann",
        "activity": "a",
    }
    wider = CuratedAnnotation(
        "upsert",
        doc.id,
        actor.start,
        actor.end + 1,
        doc.text[actor.start : actor.end + 1],
        "ACTOR",
        entity="Q30",
        **common,
    )
    date = Annotation(doc.id, actor.start, actor.end, actor.text, "DATE", rule="r")
    out = apply_curation(doc, [*anns, date], [wider])
    at = [a for a in out if a.start == actor.start]
    assert {(a.label, a.end, a.annotator) for a in at} == {
        ("ACTOR", actor.end + 1, "curated"),
        ("DATE", actor.end, ""),
    }
    gone = CuratedAnnotation("delete", doc.id, actor.start, actor.end + 1, wider.text, "ACTOR", **common)
    assert not [
        a for a in apply_curation(doc, anns, [wider, gone]) if a.start == actor.start and a.label == "ACTOR"
    ]
    # a record whose quote no longer occurs is skipped with a warning, never misapplied
    stale = CuratedAnnotation("upsert", doc.id, 0, 3, "不存在", "ACTOR", **common)
    assert len(apply_curation(doc, anns, [stale])) == len(anns)
    assert any("no longer matches" in w for w in doc.warnings)


def _derived_threat_values(doc, anns) -> dict[str, tuple[float, float]]:  # type: ignore[no-untyped-def]
    """Run the real derivation (foedus.ontology.derive) over one document; threat id -> (value, weight)."""
    from foedus.ontology import derive, to_rdf
    from foedus.store import backend

    store = backend("oxigraph")(None)
    store.replace_graph(iris.document_graph(doc.id), to_rdf.document_graph(doc, anns))
    derive.derive(store)
    rows = store.query(
        "PREFIX fo: <https://w3id.org/foedus/ontology#> "
        "SELECT ?a ?v ?w WHERE { ?a fo:signedValue ?v ; fo:evidenceWeight ?w }"
    ).python()
    return {str(r["a"]).rsplit("/", 1)[-1]: (float(r["v"]), float(r["w"])) for r in rows}


def test_the_derivation_uses_the_corrected_intensity(store_dir: Path, tmp_path: Path) -> None:
    from foedus.export.synthetic import synthetic_document

    out = tmp_path / "brat"
    export("brat", store_dir, out, documents=["synthetic-0"])
    doc, automatic = synthetic_document(0)
    threat = next(a for a in automatic if a.label == "THREAT")
    before = _derived_threat_values(doc, automatic)[threat.id]

    _edit(out / "synthetic-0.ann", r"^(A\d+\tintensity T\d+) high$", r"\1 low")
    import_corrections(out, store_dir, who="frank")
    corrected = apply_curation(doc, automatic, load_curated(store_dir))
    curated = next(a for a in corrected if a.label == "THREAT" and a.start == threat.start)
    assert curated.annotator == "curated" and curated.attributes["intensity"] == "low"
    after = _derived_threat_values(doc, corrected)
    assert threat.id not in after  # the automatic annotation was replaced
    value, weight = after[curated.id]
    assert value < before[0]  # a low threat counts below a high one
    assert weight != before[1]  # curated evidence: confidence 1.0 and the curated weight
