"""Check the graph against `shapes.ttl` with pyshacl and report violations readably.

pyshacl needs rdflib graphs, so the triples the shapes can read (rdf:type and every
predicate on a shape's path) are copied from the store's union graph into memory,
together with the ontology.  Texts, offsets of structure nodes and the like stay behind.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SH

from foedus.ontology.derive import ontology_graph
from foedus.store.base import GraphStore

SHAPES_FILE = Path(__file__).with_name("shapes.ttl")
_COPY = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


@dataclass
class Violation:
    focus: str
    path: str | None
    message: str
    severity: str
    shape: str | None = None

    def __str__(self) -> str:
        where = f" [{self.path}]" if self.path else ""
        return f"{self.severity}: {self.focus}{where}: {self.message}"


@dataclass
class ValidationReport:
    """`violations` break conformance; `warnings` (e.g. a person with no Chinese name) do not."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    warnings: list[Violation] = field(default_factory=list)
    triples: int = 0
    seconds: float = 0.0

    def __str__(self) -> str:
        head = (
            f"{'conforms' if self.conforms else 'does not conform'}: {len(self.violations)} violation(s), "
            f"{len(self.warnings)} warning(s) in {self.triples} triples ({self.seconds:.2f} s)"
        )
        return "\n".join([head, *(f"  {v}" for v in self.violations + self.warnings)])


@cache
def shapes_graph() -> Graph:
    g = Graph()
    g.parse(SHAPES_FILE, format="turtle")
    return g


@cache
def shape_predicates() -> frozenset[URIRef]:
    """rdf:type and every predicate that occurs on a path of a shape."""
    shapes = shapes_graph()
    found = {RDF.type}
    for path in shapes.objects(None, SH.path):
        items = list(shapes.items(path)) if (path, RDF.first, None) in shapes else [path]
        found |= {p for p in items if isinstance(p, URIRef)}
    return frozenset(found)


def data_graph(store_or_graph: GraphStore | Graph) -> Graph:
    """The rdflib graph to validate: the triples the shapes read, plus the ontology."""
    g = Graph()
    wanted = shape_predicates()
    if isinstance(store_or_graph, Graph):
        for t in store_or_graph:
            if t[1] in wanted:
                g.add(t)
    else:
        for predicate in sorted(wanted):
            result = store_or_graph.query(_COPY, bindings={"p": predicate})
            for t in result.graph or ():
                g.add(t)
    for t in ontology_graph():
        g.add(t)
    return g


def _path(g: Graph, node) -> str | None:
    if node is None:
        return None
    if isinstance(node, URIRef):
        return g.namespace_manager.normalizeUri(node)
    items = list(g.items(node)) if (node, RDF.first, None) in g else []
    return "/".join(g.namespace_manager.normalizeUri(i) for i in items) if items else str(node)


def validate(store_or_graph: GraphStore | Graph) -> ValidationReport:
    """Validate the store (or an rdflib graph) against the SHACL shapes."""
    t0 = time.perf_counter()
    data = data_graph(store_or_graph)
    conforms, results, _text = shacl_validate(
        data, shacl_graph=shapes_graph(), inference="none", advanced=False, allow_warnings=True
    )
    found = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(r, SH.resultSeverity)
        found.append(
            Violation(
                focus=str(results.value(r, SH.focusNode)),
                path=_path(results, results.value(r, SH.resultPath)),
                message=str(results.value(r, SH.resultMessage) or ""),
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
                shape=str(results.value(r, SH.sourceShape)),
            )
        )
    found.sort(key=lambda v: (v.focus, v.path or "", v.message))
    violations = [v for v in found if v.severity == "Violation"]
    warnings = [v for v in found if v.severity != "Violation"]
    return ValidationReport(bool(conforms), violations, warnings, len(data), time.perf_counter() - t0)
