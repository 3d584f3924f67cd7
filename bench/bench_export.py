"""Export time and peak memory per format, for the real corpus build and a synthetic corpus.

    python bench/bench_export.py --store .foedus/store             # the real build
    python bench/bench_export.py --synthetic 50000                  # generated and streamed
    python bench/bench_export.py --synthetic 50000 --formats brat,jsonl

Each format runs in a fresh process so the peak resident memory (ru_maxrss) is its own.
Anchor: Label Studio needs about 4 minutes to import 50,000 records.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TOKEN_FORMATS = {"xmi", "docbin", "jsonl", "conll"}


def run_one(fmt: str, store: Path, out: Path) -> dict:
    """Export one format in this process and measure it."""
    from foedus.export import export

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    report = export(fmt, store, out / fmt)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    size = sum(p.stat().st_size for p in (out / fmt).rglob("*") if p.is_file())
    return {
        "format": fmt,
        "seconds": round(seconds, 2),
        "documents": report.documents,
        "annotations": report.annotations,
        "peak_rss_mb": round(peak / 1024, 1),
        "rss_before_mb": round(before / 1024, 1),
        "output_mb": round(size / 2**20, 1),
        "counts": dict(report.counts),
    }


def make_synthetic(store: Path, count: int) -> float:
    from foedus.export.synthetic import commit_store, synthetic_corpus

    t0 = time.perf_counter()
    commit_store(store, synthetic_corpus(count))
    return time.perf_counter() - t0


def main() -> None:
    from foedus.export import FORMATS

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, help="a built store directory (the real corpus)")
    ap.add_argument("--synthetic", type=int, help="generate this many annotated documents instead")
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--one", help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.store, args.out), ensure_ascii=False))
        return
    with tempfile.TemporaryDirectory(prefix="foedus-bench-") as tmp:
        store = args.store
        if args.synthetic:
            store = Path(tmp) / "store"
            seconds = make_synthetic(store, args.synthetic)
            print(f"# synthetic corpus: {args.synthetic} documents written in {seconds:.1f} s", flush=True)
        if store is None:
            ap.error("give --store or --synthetic")
        for fmt in args.formats.split(","):
            cmd = [
                sys.executable,
                __file__,
                "--one",
                fmt,
                "--store",
                str(store),
                "--out",
                str(Path(tmp) / "out"),
            ]
            done = subprocess.run(cmd, capture_output=True, text=True)
            if done.returncode:
                print(json.dumps({"format": fmt, "error": done.stderr.strip().splitlines()[-1:]}), flush=True)
            else:
                print(done.stdout.strip().splitlines()[-1], flush=True)


if __name__ == "__main__":
    main()
