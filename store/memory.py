"""rdflib's in-memory Dataset: for tests, SHACL and anything that needs pure rdflib."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from pyparsing import ParseException
from rdflib import Dataset, Graph, URIRef
from rdflib.term import Identifier, Node

from foedus.errors import QueryError, StoreError
from foedus.store.base import GraphStore, Quad, QueryResult


class MemoryGraphStore(GraphStore):
    name = "memory"

    def __init__(self) -> None:
        self._ds = Dataset(default_union=True)

    def add_quads(self, quads: Iterable[Quad]) -> None:
        self._ds.addN((s, p, o, self._ds.graph(g)) for s, p, o, g in quads)

    def replace_graph(self, graph_iri: URIRef, graph: Graph) -> None:
        self.drop_graph(graph_iri)
        target = self._ds.graph(graph_iri)
        for t in graph:
            target.add(t)

    def drop_graph(self, graph_iri: URIRef) -> None:
        self._ds.remove_graph(self._ds.graph(graph_iri))

    def graph_names(self) -> list[URIRef]:
        return sorted(
            g.identifier
            for g in self._ds.graphs()
            if isinstance(g.identifier, URIRef) and g.identifier != URIRef("urn:x-rdflib:default")
        )

    def graph_triples(self, graph_iri: URIRef) -> Iterator[tuple[Node, Node, Node]]:
        yield from self._ds.graph(graph_iri)

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Identifier] | None = None,
        union_default_graph: bool = True,
    ) -> QueryResult:
        try:
            res = self._ds.query(sparql, initBindings=dict(bindings or {}))
        except ParseException as exc:
            raise QueryError(f"malformed SPARQL query: {exc}") from exc
        if res.type == "SELECT":
            variables = [str(v) for v in res.vars]
            return QueryResult("SELECT", variables=variables, rows=[tuple(r) for r in res])
        if res.type == "ASK":
            return QueryResult("ASK", boolean=bool(res.askAnswer))
        graph = Graph()
        for t in res:
            graph.add(t)
        return QueryResult("CONSTRUCT", graph=graph)

    def update(self, sparql: str) -> None:
        try:
            self._ds.update(sparql)
        except ParseException as exc:
            raise QueryError(f"malformed SPARQL update: {exc}") from exc

    def dataset(self) -> Dataset:
        return self._ds

    def count(self) -> int:
        return sum(1 for _ in self._ds.quads((None, None, None, None)))

    def serialize(self, format: str) -> bytes:
        fmt = {"nquads": "nquads", "trig": "trig", "turtle": "turtle", "nt": "nt", "json-ld": "json-ld"}.get(
            format
        )
        if fmt is None:
            raise StoreError(f"unknown dump format {format!r}")
        if fmt in ("nquads", "trig"):
            return self._ds.serialize(format=fmt).encode("utf-8")
        union = Graph()
        for s, p, o, _ in self._ds.quads((None, None, None, None)):
            union.add((s, p, o))
        return union.serialize(format=fmt).encode("utf-8")
