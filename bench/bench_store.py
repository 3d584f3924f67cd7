"""Store benchmark: rdflib Memory vs Oxigraph (through oxrdflib and native) on the corpus graph.

Usage:  python bench/bench_store.py [--store .foedus/store] [--scale 10 100] [--timeout 900]

Dumps the current build as N-Quads, then for the corpus graph (×1) and synthetic
graphs (×scale: the same quads with every foedus IRI suffixed per copy) runs each
backend in a fresh process: load time, peak RSS and three queries (IRI lookup, a
3-pattern join over Web Annotation selectors, GROUP BY count).  A backend that has
not finished within --timeout seconds is reported as such.
Prints a table and writes bench/out/store.json.  Ratios are against rdflib Memory.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUERIES = {
    "lookup": "SELECT ?p ?o WHERE { GRAPH ?g { <%s> ?p ?o } }",
    "join": """PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?a ?start WHERE { GRAPH ?g { ?a oa:hasTarget ?t . ?t oa:hasSelector ?sel . ?sel oa:start ?start .
FILTER(?start > 1000) } }""",
    "group": "SELECT ?t (COUNT(?s) AS ?n) WHERE { GRAPH ?g { ?s a ?t } } GROUP BY ?t",
}


def child(variant: str, nquads: Path, lookup_iri: str) -> dict:
    """Run in a fresh process: load `nquads` into `variant`, time queries."""
    import pyoxigraph as ox
    from rdflib import Dataset

    out: dict = {"variant": variant}
    t = time.perf_counter()
    if variant == "rdflib-memory":
        ds = Dataset()
        ds.parse(str(nquads), format="nquads")
        run = lambda q: list(ds.query(q))  # noqa: E731
    elif variant == "oxrdflib-disk":
        tmp = tempfile.mkdtemp()
        ds = Dataset(store="Oxigraph")
        ds.open(tmp)
        ds.parse(str(nquads), format="ox-nquads", transactional=False)
        run = lambda q: list(ds.query(q))  # noqa: E731
    elif variant == "pyoxigraph-disk":
        tmp = tempfile.mkdtemp()
        st = ox.Store(tmp)
        st.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
        run = lambda q: list(st.query(q))  # noqa: E731
    else:
        raise SystemExit(f"unknown variant {variant}")
    out["load_s"] = round(time.perf_counter() - t, 3)
    for name, q in QUERIES.items():
        text = q % lookup_iri if "%s" in q else q
        run(text)  # warm
        reps = 5
        t = time.perf_counter()
        for _ in range(reps):
            rows = run(text)
        out[f"{name}_ms"] = round((time.perf_counter() - t) / reps * 1000, 2)
        out[f"{name}_rows"] = len(rows)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def synthesize(src: Path, dst: Path, scale: int) -> int:
    """Write `scale` copies of `src` with every foedus IRI made unique per copy."""
    pattern = re.compile(r"<(https://w3id\.org/foedus/(?:id|graph)/[^>]*)>")
    lines = src.read_text(encoding="utf-8").splitlines()
    n = 0
    with dst.open("w", encoding="utf-8") as fh:
        for k in range(scale):
            for line in lines:
                fh.write(pattern.sub(lambda m, k=k: f"<{m.group(1)}-x{k}>", line) + "\n")
                n += 1
    return n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", default=".foedus/store")
    ap.add_argument("--scale", type=int, nargs="+", default=[10, 100], help="synthetic sizes (× corpus)")
    ap.add_argument("--timeout", type=float, default=600, help="seconds one backend run may take")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1]), args.child[2])))
        return

    from foedus.store import open_store

    work = Path(tempfile.mkdtemp())
    corpus_nq = work / "corpus.nq"
    with open_store(Path(args.store), read_only=True) as st:
        corpus_nq.write_bytes(st.serialize("nquads"))
        row = st.query(
            "PREFIX oa: <http://www.w3.org/ns/oa#> SELECT ?a WHERE { ?a a oa:Annotation } LIMIT 1"
        ).rows
    lookup = str(row[0][0]) if row else "https://w3id.org/foedus/id/none"
    graphs = {"x1": corpus_nq}
    sizes = {"x1": sum(1 for _ in corpus_nq.open())}
    for scale in args.scale:
        graphs[f"x{scale}"] = work / f"x{scale}.nq"
        sizes[f"x{scale}"] = synthesize(corpus_nq, graphs[f"x{scale}"], scale)

    results = []
    for label, path in graphs.items():
        for variant in ("rdflib-memory", "oxrdflib-disk", "pyoxigraph-disk"):
            try:
                proc = subprocess.run(
                    [sys.executable, __file__, "--child", variant, str(path), lookup],
                    capture_output=True,
                    text=True,
                    check=True,
                    timeout=args.timeout,
                )
                res = json.loads(proc.stdout.strip().splitlines()[-1])
            except subprocess.TimeoutExpired:
                res = {"variant": variant, "status": f"not finished within {args.timeout:.0f} s"}
            res["graph"] = label
            res["quads"] = sizes[label]
            results.append(res)

    cols = ["graph", "variant", "quads", "load_s", "lookup_ms", "join_ms", "group_ms", "peak_rss_mb"]
    print(" | ".join(cols))
    for r in results:
        print(" | ".join(str(r.get(c, r.get("status", "-"))) for c in cols))
    print("\nratios vs rdflib-memory (lower is better for oxigraph):")
    for label in sizes:
        base = next(r for r in results if r["graph"] == label and r["variant"] == "rdflib-memory")
        for r in results:
            if r["graph"] == label and r is not base and "status" not in r and "status" not in base:
                ratios = {c: round(r[c] / base[c], 3) if base[c] else None for c in cols[3:]}
                print(label, r["variant"], ratios)
    out = Path(__file__).resolve().parent / "out"
    out.mkdir(exist_ok=True)
    (out / "store.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
