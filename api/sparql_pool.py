"""Worker processes that run SPARQL queries under a deadline.

pyoxigraph cannot cancel a running query, so each query runs in a child process
(`foedus.api.sparql_worker`) holding the store open read-only; when the deadline
passes, the child is killed and replaced, and the caller gets a 504.
"""

from __future__ import annotations

import json
import os
import queue
import select
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class QueryAnswer:
    """What the endpoint sends back: a body in `media_type`, or an error `message`."""

    status: int
    media_type: str | None = None
    body: bytes = b""
    message: str = ""


class _Overrun(Exception):
    """The worker did not answer before the deadline."""


class _WorkerGone(Exception):
    """The worker closed its pipe (it crashed or was killed)."""


class _Worker:
    """One child process and the framed pipe to it."""

    def __init__(self, store_path: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "foedus.api.sparql_worker", str(store_path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
        )
        self._fd = self.proc.stdout.fileno()  # type: ignore[union-attr]
        self._buf = b""

    def _fill(self, deadline: float) -> None:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _Overrun
        ready, _, _ = select.select([self._fd], [], [], remaining)
        if not ready:
            raise _Overrun
        chunk = os.read(self._fd, 1 << 16)
        if not chunk:
            raise _WorkerGone
        self._buf += chunk

    def ask(self, request: dict[str, Any], deadline: float) -> QueryAnswer:
        try:
            self.proc.stdin.write(json.dumps(request).encode("utf-8") + b"\n")  # type: ignore[union-attr]
        except BrokenPipeError as exc:
            raise _WorkerGone from exc
        while b"\n" not in self._buf:
            self._fill(deadline)
        line, _, self._buf = self._buf.partition(b"\n")
        header = json.loads(line)
        while len(self._buf) < header["length"]:
            self._fill(deadline)
        body, self._buf = self._buf[: header["length"]], self._buf[header["length"] :]
        return QueryAnswer(header["status"], header.get("media_type"), body, header.get("message", ""))

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None:
                pipe.close()


class QueryPool:
    """A fixed number of query workers over one store; `run` blocks, so call it from a thread."""

    def __init__(self, store_path: Path, *, size: int, timeout: float, limit: int) -> None:
        self.store_path, self.timeout, self.limit = store_path, timeout, limit
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._workers: set[_Worker] = set()
        self._closed = False
        for _ in range(size):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        worker = _Worker(self.store_path)
        with self._lock:
            self._workers.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            self._workers.discard(worker)
            if self._closed:
                return
        self._idle.put(self._spawn())

    def run(
        self,
        query: str,
        accept: str | None,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> QueryAnswer:
        deadline = time.monotonic() + self.timeout
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return QueryAnswer(
                503, message=f"all query workers stayed busy for {self.timeout:g} s; retry later"
            )
        request = {
            "query": query,
            "accept": accept,
            "limit": self.limit,
            "default_graphs": default_graphs or [],
            "named_graphs": named_graphs or [],
        }
        try:
            answer = worker.ask(request, deadline)
        except _Overrun:
            self._retire(worker)
            return QueryAnswer(
                504,
                message=f"the query ran longer than the {self.timeout:g} s limit and was stopped;"
                " narrow it or add LIMIT",
            )
        except _WorkerGone:
            self._retire(worker)
            return QueryAnswer(
                500, message="the query worker stopped unexpectedly; the query was not answered"
            )
        self._idle.put(worker)
        return answer

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._workers)
            self._workers.clear()
        for worker in workers:
            worker.stop()
