"""The SELECT queries a user can run by name (`foedus query NAME`): `ontology/queries/*.rq`."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from rdflib.term import Identifier

from foedus.errors import QueryError
from foedus.store.base import GraphStore, QueryResult

QUERY_DIR = Path(__file__).with_name("queries")


def list_queries() -> dict[str, str]:
    """Query name → its description (the leading comment lines of the file)."""
    out = {}
    for path in sorted(QUERY_DIR.glob("*.rq")):
        lines = path.read_text(encoding="utf-8").splitlines()
        comment = [ln.lstrip("# ").rstrip() for ln in lines if ln.startswith("#")]
        text = " ".join(comment).split(" — ", 1)[-1]
        out[path.stem] = text
    return out


def query_text(name: str) -> str:
    path = QUERY_DIR / f"{name}.rq"
    if "/" in name or "\\" in name or not path.is_file():
        raise QueryError(f"unknown query {name!r}; known: {', '.join(list_queries())}")
    return path.read_text(encoding="utf-8")


def run_query(store: GraphStore, name: str, bindings: Mapping[str, Identifier] | None = None) -> QueryResult:
    """Run the named query; values reach it only as `bindings` (projected variables)."""
    return store.query(query_text(name), bindings=bindings)
