"""Benchmark the derivation and the read queries on the embedded Oxigraph store.

    python bench/bench_derive.py                   # build the corpus graph in memory first
    python bench/bench_derive.py --store .foedus/store --scales 10 100

The corpus graph (from a build, or ingested + annotated here) is measured as is, then
copied 10× and 100× (every foedus IRI except actors, vocabularies and parameters gets a
copy suffix), which keeps the shape: same cases, documents and annotations per copy.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import pyoxigraph as ox

from foedus.ontology import iris, read
from foedus.ontology.derive import derive
from foedus.ontology.named_queries import list_queries, run_query
from foedus.store import backend, open_store
from foedus.store.base import GraphStore

_SHARED = (
    str(iris.ID) + "actor/",
    str(iris.ID) + "parameter/",
    str(iris.ID) + "activity/",
    str(iris.ID) + "agent/",
)
_COPIED = (str(iris.ID), str(iris.GRAPH) + "document/")


def corpus_store(store_dir: Path | None) -> GraphStore:
    """The real corpus graph: from a build, or ingested and annotated now (no derived graph)."""
    if store_dir is not None:
        source = open_store(store_dir, read_only=True)
        st = backend("oxigraph")(None)
        st._ox.load(source.serialize("nquads"), format=ox.RdfFormat.N_QUADS)
        return st
    from foedus.annotate import annotate_document, load_pipelines
    from foedus.corpus.cases import cases_for
    from foedus.corpus.catalogue import catalogue_for, find_corpus_root
    from foedus.ontology.to_rdf import corpus_graph, document_graph
    from foedus.pipeline import ingest_catalogue

    root = find_corpus_root()
    catalogue = catalogue_for(root)
    ingested, _ = ingest_catalogue(root, catalogue)
    pipelines = load_pipelines()
    st = backend("oxigraph")(None)
    for _, doc in ingested:
        st.replace_graph(iris.document_graph(doc.id), document_graph(doc, annotate_document(doc, pipelines)))
    st.replace_graph(iris.CORPUS_GRAPH, corpus_graph(catalogue, cases_for(root)))
    return st


def _copy_term(term, suffix: str):
    if (
        isinstance(term, ox.NamedNode)
        and term.value.startswith(_COPIED)
        and not term.value.startswith(_SHARED)
    ):
        return ox.NamedNode(term.value + suffix)
    return term


def scaled_store(base: GraphStore, factor: int) -> GraphStore:
    """`factor` copies of the corpus graph (without its derived graph) in one store."""
    quads = [q for q in base._ox if q.graph_name != ox.NamedNode(str(iris.DERIVED_GRAPH))]
    st = backend("oxigraph")(None)
    for k in range(factor):
        suffix = f"~{k}"
        st._ox.extend(
            ox.Quad(
                _copy_term(q.subject, suffix),
                q.predicate,
                _copy_term(q.object, suffix),
                _copy_term(q.graph_name, suffix) if isinstance(q.graph_name, ox.NamedNode) else q.graph_name,
            )
            for q in quads
        )
    return st


def _timed(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def measure(st: GraphStore, label: str, repeat: int) -> dict:
    quads = st.count()
    seconds = _timed(lambda: derive(st), repeat)
    report = derive(st)
    row = {
        "graph": label,
        "quads": quads,
        "cases": len(run_query(st, "cases").rows),
        "derive_s": round(seconds, 4),
        "derived_triples": report.triples,
        "steps_ms": {s.name: round(s.seconds * 1000, 2) for s in report.steps},
        "read_ms": {
            "list_cases": round(_timed(lambda: read.list_cases(st), repeat) * 1000, 2),
            "list_treaties": round(_timed(lambda: read.list_treaties(st), repeat) * 1000, 2),
            "get_treaty": round(_timed(lambda: read.get_treaty(st, "nato-1949"), repeat) * 1000, 2),
            "search_actors": round(_timed(lambda: read.search_actors(st, "sov"), repeat) * 1000, 2),
        },
        "query_ms": {
            n: round(_timed(lambda n=n: run_query(st, n), repeat) * 1000, 2) for n in list_queries()
        },
    }
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", type=Path, help="a store directory with a build (default: build in memory)")
    ap.add_argument("--scales", type=int, nargs="*", default=[10, 100])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", type=Path, help="write the results as JSON here")
    args = ap.parse_args()
    base = corpus_store(args.store)
    rows = [measure(base, "corpus", args.repeat)]
    print(json.dumps(rows[-1], ensure_ascii=False))
    for factor in args.scales:
        st = scaled_store(base, factor)
        rows.append(measure(st, f"corpus×{factor}", args.repeat))
        print(json.dumps(rows[-1], ensure_ascii=False))
        st.close()
    first = rows[0]
    for r in rows[1:]:
        growth = r["derive_s"] / first["derive_s"] if first["derive_s"] else float("nan")
        print(f"{r['graph']}: {r['quads'] / first['quads']:.0f}× quads → {growth:.1f}× derivation time")
    if args.out:
        args.out.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
