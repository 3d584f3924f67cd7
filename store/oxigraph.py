"""The default backend: Oxigraph (RocksDB on disk, or in memory), used natively for speed
and exposed through rdflib (oxrdflib) for the rdflib API."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox
from oxrdflib.store import OxigraphStore
from rdflib import Dataset, Graph, URIRef
from rdflib.term import Identifier, Node

from foedus.errors import QueryError, StoreError
from foedus.store.base import GraphStore, Quad, QueryResult
from foedus.store.terms import from_ox, to_ox

_DUMP_FORMATS = {
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
}


class OxigraphGraphStore(GraphStore):
    name = "oxigraph"

    def __init__(self, path: Path | None = None, read_only: bool = False) -> None:
        try:
            if path is None:
                self._ox = ox.Store()
            elif read_only:
                self._ox = ox.Store.read_only(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._ox = ox.Store(str(path))
        except OSError as exc:
            raise StoreError(f"{path}: cannot open the Oxigraph store ({exc})") from exc
        self.path = path
        self.read_only = read_only

    def add_quads(self, quads: Iterable[Quad]) -> None:
        self._ox.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g)) for s, p, o, g in quads)

    def replace_graph(self, graph_iri: URIRef, graph: Graph) -> None:
        g = ox.NamedNode(str(graph_iri))
        quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in graph]
        if self._ox.contains_named_graph(g):
            self._ox.remove_graph(g)
        self._ox.extend(quads)

    def drop_graph(self, graph_iri: URIRef) -> None:
        g = ox.NamedNode(str(graph_iri))
        if self._ox.contains_named_graph(g):
            self._ox.remove_graph(g)

    def graph_names(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self._ox.named_graphs() if isinstance(g, ox.NamedNode))

    def graph_triples(self, graph_iri: URIRef) -> Iterator[tuple[Node, Node, Node]]:
        for q in self._ox.quads_for_pattern(None, None, None, ox.NamedNode(str(graph_iri))):
            yield from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Identifier] | None = None,
        union_default_graph: bool = True,
    ) -> QueryResult:
        subs = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        try:
            res = self._ox.query(
                sparql, use_default_graph_as_union=union_default_graph, substitutions=subs or None
            )
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL query: {exc}") from exc
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"query failed: {exc}") from exc
        if isinstance(res, ox.QuerySolutions):
            variables = [v.value for v in res.variables]
            rows = [tuple(from_ox(sol[v]) for v in variables) for sol in res]
            return QueryResult("SELECT", variables=variables, rows=rows)
        if isinstance(res, ox.QueryBoolean):
            return QueryResult("ASK", boolean=bool(res))
        graph = Graph()
        for t in res:
            graph.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
        return QueryResult("CONSTRUCT", graph=graph)

    def update(self, sparql: str) -> None:
        try:
            self._ox.update(sparql)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL update: {exc}") from exc

    def dataset(self) -> Dataset:
        return Dataset(store=OxigraphStore(store=self._ox))

    def count(self) -> int:
        return len(self._ox)

    def serialize(self, format: str) -> bytes:
        if format not in _DUMP_FORMATS:
            raise StoreError(f"unknown dump format {format!r}; known: {sorted(_DUMP_FORMATS)}")
        fmt = _DUMP_FORMATS[format]
        if fmt.supports_datasets:
            return self._ox.dump(format=fmt)
        quads = self._ox.quads_for_pattern(None, None, None, None)
        triples = ox.Store()
        triples.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads)
        return triples.dump(format=fmt, from_graph=ox.DefaultGraph())

    def flush(self) -> None:
        if self.path is not None and not self.read_only:
            self._ox.flush()

    def close(self) -> None:
        if hasattr(self, "_ox"):
            self.flush()
            del self._ox
