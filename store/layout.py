"""Where builds live under a store directory, and the atomic swap.

    STORE/
      current -> builds/20261127T051500-1234   (symlink, replaced atomically)
      builds/<stamp>/graph/                    (the Oxigraph database)
      builds/<stamp>/documents.jsonl.gz        (documents + annotations snapshot)

A build writes into a new directory and `commit_build` points `current` at it only
when the build is complete, so a failed build leaves the previous one in use.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from foedus.errors import StoreError
from foedus.store.base import GraphStore
from foedus.store.registry import backend

DEFAULT_STORE = Path(".foedus") / "store"
KEEP_PREVIOUS = 1


def current_build(store_dir: Path) -> Path:
    link = store_dir / "current"
    if not link.exists():
        raise StoreError(f"{store_dir}: no build found; run `foedus build --store {store_dir}` first")
    return link.resolve()


def open_store(store_dir: Path, read_only: bool = False, backend_name: str = "oxigraph") -> GraphStore:
    """Open the current build's graph."""
    return backend(backend_name)(current_build(store_dir) / "graph", read_only=read_only)


def new_build(store_dir: Path) -> Path:
    """Create an empty build directory to write into."""
    stamp = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    build = store_dir / "builds" / stamp
    build.mkdir(parents=True)
    return build


def commit_build(store_dir: Path, build: Path) -> None:
    """Point `current` at `build` atomically and prune older builds."""
    link = store_dir / "current"
    tmp = store_dir / f".current-{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(build.relative_to(store_dir))
    os.replace(tmp, link)
    builds = sorted((store_dir / "builds").iterdir(), key=lambda p: p.stat().st_mtime)
    old = [b for b in builds if b.resolve() != build.resolve()]
    for b in old[: max(0, len(old) - KEEP_PREVIOUS)]:
        shutil.rmtree(b, ignore_errors=True)


def abandon_build(build: Path) -> None:
    shutil.rmtree(build, ignore_errors=True)
