"""Store backends by name; callers never import a concrete backend."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from foedus.errors import StoreError
from foedus.store.base import GraphStore


def _oxigraph(path: Path | None, read_only: bool = False) -> GraphStore:
    from foedus.store.oxigraph import OxigraphGraphStore

    return OxigraphGraphStore(path, read_only=read_only)


def _memory(path: Path | None, read_only: bool = False) -> GraphStore:
    from foedus.store.memory import MemoryGraphStore

    return MemoryGraphStore()


BACKENDS: dict[str, Callable[..., GraphStore]] = {"oxigraph": _oxigraph, "memory": _memory}


def backend(name: str) -> Callable[..., GraphStore]:
    try:
        return BACKENDS[name]
    except KeyError:
        raise StoreError(f"unknown store backend {name!r}; known: {sorted(BACKENDS)}") from None
