"""Latency and throughput of the lookup service against a bare FastAPI endpoint.

Starts two uvicorn servers on 127.0.0.1 from this run — the foedus app over a built
store, and a bare FastAPI app whose one endpoint returns a constant — then, from this
(second) process, drives each endpoint with a bounded number of concurrent httpx
requests for a bounded number of requests and seconds, and prints requests/s,
p50/p99 latency and the ratio to the bare endpoint.

    python bench/bench_api.py --store .foedus/store [--requests 2000] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

BARE_APP = (
    "import sys, uvicorn\n"
    "from fastapi import FastAPI\n"
    "app = FastAPI()\n"
    "@app.get('/constant')\n"
    "async def constant() -> dict:\n"
    "    return {'status': 'ok'}\n"
    "uvicorn.run(app, host='127.0.0.1', port=int(sys.argv[1]), log_level='warning')\n"
)
FOEDUS_APP = (
    "import sys; from pathlib import Path; from foedus.api.server import serve; "
    "serve(Path(sys.argv[2]), '127.0.0.1', int(sys.argv[1]), 5.0, 10000)"
)
SPARQL_LOOKUP = (
    "SELECT ?id WHERE { ?d <https://w3id.org/foedus/ontology#documentId> ?id } ORDER BY ?id LIMIT 5"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(code: str, *args: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-c", code, str(port), *args])
    return proc, f"http://127.0.0.1:{port}"


def wait_ready(base: str, path: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server for {base} exited with {proc.returncode}")
        try:
            if httpx.get(base + path, timeout=2).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{base}{path} did not answer within {seconds} s")


async def load(url: str, params: dict | None, requests: int, concurrency: int, seconds: float) -> dict:
    """Send up to `requests` GETs with `concurrency` in flight, stopping after `seconds`."""
    latencies: list[float] = []
    errors = 0
    sent = 0
    stop_at = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=10) as client:

        async def worker() -> None:
            nonlocal sent, errors
            while sent < requests and time.monotonic() < stop_at:
                sent += 1
                t0 = time.perf_counter()
                r = await client.get(url, params=params)
                latencies.append(time.perf_counter() - t0)
                if r.status_code != 200:
                    errors += 1

        t_start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - t_start
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path(".foedus/store"))
    parser.add_argument("--requests", type=int, default=2000, help="per endpoint")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20.0, help="time cap per endpoint")
    parser.add_argument("--actor", default="Q30")
    parser.add_argument("--case", default=None, help="a case id (default: the first listed)")
    args = parser.parse_args()

    bare, bare_base = start(BARE_APP)
    app, app_base = start(FOEDUS_APP, str(args.store))
    try:
        wait_ready(bare_base, "/constant", bare)
        wait_ready(app_base, "/health", app)
        case = args.case or httpx.get(app_base + "/cases", timeout=120).json()[0]["id"]
        targets = [
            ("bare FastAPI /constant", bare_base + "/constant", None),
            (f"/actors/{args.actor}", f"{app_base}/actors/{args.actor}", None),
            (f"/cases/{case}", f"{app_base}/cases/{case}", None),
            ("/sparql lookup", app_base + "/sparql", {"query": SPARQL_LOOKUP}),
        ]
        for _, url, params in targets:  # warm caches and connections
            httpx.get(url, params=params, timeout=120).raise_for_status()
        results = []
        for name, url, params in targets:
            stats = asyncio.run(load(url, params, args.requests, args.concurrency, args.seconds))
            results.append((name, stats))
        base = results[0][1]
        print(
            f"{'endpoint':32} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}"
            f" {'p50 ×bare':>10} {'req/s ÷bare':>11} errors"
        )
        for name, s in results:
            print(
                f"{name:32} {s['rps']:8.0f} {s['p50_ms']:8.2f} {s['p99_ms']:8.2f} "
                f"{s['p50_ms'] / base['p50_ms']:10.2f} {s['rps'] / base['rps']:11.2f} {s['errors']}"
            )
    finally:
        for proc in (bare, app):
            proc.terminate()
            proc.wait(10)


if __name__ == "__main__":
    main()
