"""The store interface every backend implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Identifier, Node

Quad = tuple[Node, Node, Node, URIRef]


@dataclass
class QueryResult:
    """A SPARQL result: `kind` is SELECT, ASK or CONSTRUCT (DESCRIBE answers as CONSTRUCT)."""

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Identifier | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None

    def dicts(self) -> Iterator[dict[str, Identifier | None]]:
        for row in self.rows:
            yield dict(zip(self.variables, row, strict=True))

    def python(self) -> list[dict[str, object]]:
        """Rows as plain Python values (IRIs as str, literals via `.toPython()`)."""
        out = []
        for row in self.dicts():
            out.append(
                {
                    k: (None if v is None else (str(v) if isinstance(v, URIRef) else v.toPython()))
                    for k, v in row.items()
                }
            )
        return out


class GraphStore(ABC):
    """A quad store: named graphs, SPARQL queries with bound values, bulk loading."""

    name: str = "abstract"

    @abstractmethod
    def add_quads(self, quads: Iterable[Quad]) -> None:
        """Add quads in bulk (the last element names the graph)."""

    @abstractmethod
    def replace_graph(self, graph_iri: URIRef, graph: Graph) -> None:
        """Make the named graph `graph_iri` hold exactly the triples of `graph`."""

    @abstractmethod
    def drop_graph(self, graph_iri: URIRef) -> None: ...

    @abstractmethod
    def graph_names(self) -> list[URIRef]: ...

    @abstractmethod
    def graph_triples(self, graph_iri: URIRef) -> Iterator[tuple[Node, Node, Node]]:
        """The triples of one named graph (works on read-only stores)."""

    @abstractmethod
    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Identifier] | None = None,
        union_default_graph: bool = True,
    ) -> QueryResult:
        """Run a read-only query.  `bindings` are bound values (never spliced into the text);
        a bound variable must be projected by the query.  With `union_default_graph` the
        default graph is the union of all named graphs."""

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL UPDATE (used by derivation; never reachable from the HTTP API)."""

    @abstractmethod
    def dataset(self) -> Dataset:
        """The rdflib API over this store."""

    @abstractmethod
    def count(self) -> int:
        """Number of quads."""

    @abstractmethod
    def serialize(self, format: str) -> bytes:
        """Dump the whole store (`nquads`, `trig`) or the union graph (`turtle`, `nt`, `json-ld`)."""

    def close(self) -> None:  # noqa: B027 - optional
        """Release the store (flush, unlock)."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
