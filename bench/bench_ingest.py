"""Ingest benchmark: text throughput, PDF pages/s (foedus vs raw pdfplumber), peak memory on 200 MB.

Run: `python bench/bench_ingest.py [--large-mb 200] [--repeat 20]`.  Prints a table and writes
`bench/out/ingest.json`.  The PDF ratio is foedus's ingester time over pdfplumber's plain
`page.extract_text()` on the same files in the same run (goal: below 1.30).
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber

from foedus.corpus.catalogue import (
    PACKAGED_CATALOGUE,
    CatalogueEntry,
    checked_path,
    find_corpus_root,
    load_catalogue,
)
from foedus.ingest import ingest

OUT = Path(__file__).with_name("out")
SAMPLE_PARAGRAPH = (
    "The Parties agree that an armed attack against one or more of them shall be considered an attack "
    "against them all. 各缔约国同意对于欧洲或北美之一个或数个缔约国之武装攻击,应视为对缔约国全体之攻击。 "
) * 10 + "\n\n"

# Run in a child process so its peak RSS is the ingest's own (plus the interpreter and imports).
_MEMORY_PROBE = """
import resource, sys, time
from pathlib import Path
from foedus.corpus.catalogue import CatalogueEntry
from foedus.ingest import ingest
path = Path(sys.argv[1])
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
doc = ingest(path, CatalogueEntry(id="large", kind="other", format="text", path=str(path),
                                  languages=["en", "zh"], title={}))
elapsed = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(before, peak, elapsed, len(doc.text), len(doc.structure), len(doc.segments))
"""


def _write_text(path: Path, megabytes: float) -> int:
    block = (SAMPLE_PARAGRAPH * 100).encode("utf-8")
    with path.open("wb") as fh:
        for _ in range(int(megabytes * (1 << 20)) // len(block) + 1):
            fh.write(block)
    return path.stat().st_size


def bench_treaty_texts(root: Path, repeat: int) -> dict:
    entries = [e for e in load_catalogue(PACKAGED_CATALOGUE).entries if e.format == "treaty-text"]
    paths = [(checked_path(root, e), e) for e in entries]
    size = sum(p.stat().st_size for p, _ in paths)
    t = time.perf_counter()
    for _ in range(repeat):
        for path, entry in paths:
            ingest(path, entry)
    elapsed = time.perf_counter() - t
    return {
        "files": len(paths),
        "bytes": size * repeat,
        "seconds": elapsed,
        "mb_per_s": size * repeat / (1 << 20) / elapsed,
    }


def bench_synthetic_text(tmp: Path, megabytes: float) -> dict:
    path = tmp / "synthetic.txt"
    size = _write_text(path, megabytes)
    entry = CatalogueEntry(
        id="synthetic", kind="other", format="text", path=str(path), languages=["en", "zh"], title={}
    )
    t = time.perf_counter()
    doc = ingest(path, entry)
    elapsed = time.perf_counter() - t
    return {
        "bytes": size,
        "seconds": elapsed,
        "mb_per_s": size / (1 << 20) / elapsed,
        "paragraphs": len(doc.nodes("paragraph")),
    }


def bench_pdfs(root: Path) -> list[dict]:
    rows = []
    for entry in load_catalogue(PACKAGED_CATALOGUE).entries:
        if entry.format != "pdf" or "vertical" in entry.path:
            continue
        path = checked_path(root, entry)
        t = time.perf_counter()
        with pdfplumber.open(str(path)) as pdf:
            pages = len(pdf.pages)
            for page in pdf.pages:
                page.extract_text()
        raw = time.perf_counter() - t
        t = time.perf_counter()
        ingest(path, entry)
        ours = time.perf_counter() - t
        rows.append(
            {
                "document": entry.id,
                "pages": pages,
                "raw_seconds": raw,
                "foedus_seconds": ours,
                "raw_pages_per_s": pages / raw,
                "foedus_pages_per_s": pages / ours,
                "ratio": ours / raw,
            }
        )
    return rows


def bench_large_memory(tmp: Path, megabytes: float) -> dict:
    path = tmp / "large.txt"
    size = _write_text(path, megabytes)
    proc = subprocess.run(
        [sys.executable, "-c", _MEMORY_PROBE, str(path)], capture_output=True, text=True, check=False
    )
    path.unlink()
    if proc.returncode != 0:
        return {"bytes": size, "error": proc.stderr.strip().splitlines()[-1] if proc.stderr else "failed"}
    before, peak, elapsed, chars, nodes, segments = proc.stdout.split()
    return {
        "bytes": size,
        "seconds": float(elapsed),
        "mb_per_s": size / (1 << 20) / float(elapsed),
        "rss_before_mb": int(before) / 1024,
        "peak_rss_mb": int(peak) / 1024,
        "peak_over_file_size": int(peak) * 1024 / size,
        "chars": int(chars),
        "nodes": int(nodes),
        "segments": int(segments),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large-mb", type=float, default=200.0)
    parser.add_argument("--synthetic-mb", type=float, default=20.0)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    root = find_corpus_root()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        results = {
            "python": platform.python_version(),
            "treaty_texts": bench_treaty_texts(root, args.repeat),
            "synthetic_text": bench_synthetic_text(tmp, args.synthetic_mb),
            "pdf": bench_pdfs(root),
            "large_text": bench_large_memory(tmp, args.large_mb),
        }
    pdf = results["pdf"]
    total_raw = sum(r["raw_seconds"] for r in pdf)
    total_ours = sum(r["foedus_seconds"] for r in pdf)
    results["pdf_overall_ratio"] = total_ours / total_raw if total_raw else None

    print(f"{'benchmark':44} {'value':>14}")
    print(f"{'treaty texts (MB/s)':44} {results['treaty_texts']['mb_per_s']:14.2f}")
    synthetic_label = f"synthetic text {args.synthetic_mb} MB (MB/s)"
    print(f"{synthetic_label:44} {results['synthetic_text']['mb_per_s']:14.2f}")
    for r in pdf:
        print(
            f"{'pdf ' + r['document'][:30] + ' (pages/s raw|ours)':44} "
            f"{r['raw_pages_per_s']:6.1f}|{r['foedus_pages_per_s']:6.1f} x{r['ratio']:.2f}"
        )
    print(f"{'pdf overall time ratio foedus/raw':44} {results['pdf_overall_ratio']:14.2f}")
    large = results["large_text"]
    if "error" in large:
        print(f"{'large text':44} {large['error']}")
    else:
        print(f"{'large text ' + str(args.large_mb) + ' MB (MB/s)':44} {large['mb_per_s']:14.2f}")
        print(f"{'large text peak RSS (MB)':44} {large['peak_rss_mb']:14.1f}")
    OUT.mkdir(exist_ok=True)
    (OUT / "ingest.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"wrote {OUT / 'ingest.json'}")


if __name__ == "__main__":
    main()
