"""Run the derivation: the CONSTRUCT queries in `queries/derive/`, in file-name order.

Python only orchestrates: it loads the ontology (the model's rules) and the parameters
into their named graphs, runs each query over the union of all graphs, and writes what
it constructs into the derived graph, so each step sees the ones before it.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal

from foedus.errors import QueryError
from foedus.ontology import iris
from foedus.ontology.iris import DERIVED_GRAPH, ONTOLOGY_GRAPH, PARAMETERS_GRAPH, PROV
from foedus.ontology.parameters import Parameter, load_parameters, parameters_graph, with_overrides
from foedus.store.base import GraphStore

ONTOLOGY_FILE = Path(__file__).with_name("foedus.ttl")
# terms of the overlap weighting and the draft link, kept beside the main ontology file
DERIVATION_TERMS_FILE = Path(__file__).with_name("derivation-terms.ttl")
DERIVE_QUERIES = Path(__file__).with_name("queries") / "derive"


@dataclass
class DeriveStep:
    name: str
    triples: int
    seconds: float


@dataclass
class DeriveReport:
    """What one derivation run did: steps with triple counts and times, and the levels found."""

    steps: list[DeriveStep] = field(default_factory=list)
    parameters: dict[str, float] = field(default_factory=dict)
    levels: dict[str, str] = field(default_factory=dict)  # case id → threat level

    @property
    def seconds(self) -> float:
        return sum(s.seconds for s in self.steps)

    @property
    def triples(self) -> int:
        return sum(s.triples for s in self.steps)


@cache
def ontology_graph() -> Graph:
    """The ontology (foedus.ttl) and the derivation's own terms, as one graph."""
    g = Graph()
    g.parse(ONTOLOGY_FILE, format="turtle")
    g.parse(DERIVATION_TERMS_FILE, format="turtle")
    return g


def derivation_queries() -> list[Path]:
    return sorted(DERIVE_QUERIES.glob("*.rq"))


def _resolve(parameters: Mapping[str, Parameter] | Mapping[str, float] | None) -> dict[str, Parameter]:
    if parameters and all(isinstance(v, Parameter) for v in parameters.values()):
        return dict(parameters)  # type: ignore[arg-type]
    return with_overrides(load_parameters(), parameters or None)  # type: ignore[arg-type]


def _activity_graph() -> Graph:
    g = Graph()
    act = iris.activity("derivation")
    g.add((act, RDF.type, PROV.Activity))
    g.add((act, RDFS.label, Literal("prospect-threat derivation (ontology/queries/derive)", lang="en")))
    g.add((act, RDFS.label, Literal("前景—威胁推导", lang="zh-Hans")))
    g.add((act, PROV.used, PARAMETERS_GRAPH))
    return g


LEVELS_QUERY = Path(__file__).with_name("queries") / "read" / "levels.rq"


def derive(
    store: GraphStore, parameters: Mapping[str, Parameter] | Mapping[str, float] | None = None
) -> DeriveReport:
    """Replace the derived graph with what the derivation queries construct from the store.

    `parameters`: full `Parameter`s, or `{name: value}` overrides of `parameters.toml`.
    """
    params = _resolve(parameters)
    store.replace_graph(ONTOLOGY_GRAPH, ontology_graph())
    store.replace_graph(PARAMETERS_GRAPH, parameters_graph(params))
    store.replace_graph(DERIVED_GRAPH, _activity_graph())
    report = DeriveReport(parameters={p.name: p.value for p in params.values()})
    for path in derivation_queries():
        t0 = time.perf_counter()
        try:
            result = store.query(path.read_text(encoding="utf-8"))
        except QueryError as exc:
            raise QueryError(f"{path.name}: {exc}") from exc
        if result.kind != "CONSTRUCT" or result.graph is None:
            raise QueryError(f"{path}: a derivation step must be a CONSTRUCT query")
        store.add_quads((s, p, o, DERIVED_GRAPH) for s, p, o in result.graph)
        report.steps.append(DeriveStep(path.stem, len(result.graph), time.perf_counter() - t0))
    for row in store.query(LEVELS_QUERY.read_text(encoding="utf-8")).python():
        report.levels[str(row["id"])] = str(row["level"])
    return report
