"""What the app serves from: one build of the store, opened read-only, and caches for it.

The store does not change while the app serves it, so any answer computed from it
can be kept for the life of the process (`ServingState.cached`).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import anyio.to_thread

from foedus.model import Annotation, Document
from foedus.store import GraphStore, current_build, open_store
from foedus.store.snapshot import read_snapshot

T = TypeVar("T")
SPARQL_WORKERS = 2
RECENT_ANSWERS = 2048  # bound on the cache of answers keyed by free user input (searches)


@dataclass
class ServingState:
    """The open build: graph store, documents and annotations from the snapshot, limits, caches."""

    store_dir: Path
    build_dir: Path
    store: GraphStore
    triples: int
    documents: dict[str, Document]
    annotations: dict[str, list[Annotation]]
    query_timeout: float
    result_limit: int
    _cache: dict[tuple, object] = field(default_factory=dict)
    _recent: OrderedDict[tuple, object] = field(default_factory=OrderedDict)

    @classmethod
    def open(cls, store_dir: Path, *, query_timeout: float, result_limit: int) -> ServingState:
        build_dir = current_build(store_dir)
        store = open_store(store_dir, read_only=True)
        documents: dict[str, Document] = {}
        annotations: dict[str, list[Annotation]] = {}
        for doc, anns in read_snapshot(build_dir):
            documents[doc.id] = doc
            annotations[doc.id] = sorted(anns, key=lambda a: (a.start, -a.end, a.label))
        return cls(
            store_dir=store_dir,
            build_dir=build_dir,
            store=store,
            triples=store.count(),
            documents=documents,
            annotations=annotations,
            query_timeout=query_timeout,
            result_limit=result_limit,
        )

    @property
    def build_id(self) -> str:
        return self.build_dir.name

    @property
    def graph_path(self) -> Path:
        return self.build_dir / "graph"

    def cached(self, key: tuple, compute: Callable[[], T]) -> T:
        """The value for `key`, computed once per build."""
        try:
            return self._cache[key]  # type: ignore[return-value]
        except KeyError:
            value = self._cache[key] = compute()
            return value

    async def cached_async(self, key: tuple, compute: Callable[[], T], *, bounded: bool = False) -> T:
        """`cached` (or `recent` when `bounded`) for the event loop: a hit answers at once, a miss
        is computed in a worker thread so a slow read-model query does not block other requests."""
        store = self._recent if bounded else self._cache
        if key in store:
            return store[key]  # type: ignore[return-value]
        value = await anyio.to_thread.run_sync(compute)
        return (self.recent if bounded else self.cached)(key, lambda: value)

    def recent(self, key: tuple, compute: Callable[[], T]) -> T:
        """Like `cached`, for keys made of free user input: only the most recent answers are kept."""
        try:
            self._recent.move_to_end(key)
            return self._recent[key]  # type: ignore[return-value]
        except KeyError:
            value = self._recent[key] = compute()
            if len(self._recent) > RECENT_ANSWERS:
                self._recent.popitem(last=False)
            return value

    def close(self) -> None:
        self.store.close()
