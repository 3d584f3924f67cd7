"""Graph stores behind one small interface, chosen by name (like rdflib's plugin registry).

`open_store(path)` opens the current build under a store directory; `new_build(path)`
gives a fresh store to write a build into, which `commit_build` swaps in atomically.
"""

from foedus.store.base import GraphStore, QueryResult
from foedus.store.layout import abandon_build, commit_build, current_build, new_build, open_store
from foedus.store.registry import BACKENDS, backend

__all__ = [
    "BACKENDS",
    "GraphStore",
    "QueryResult",
    "abandon_build",
    "backend",
    "commit_build",
    "current_build",
    "new_build",
    "open_store",
]
