"""Derivation parameters: read from `parameters.toml`, overridden by `--param name=value`,
and written into the graph as fo:Parameter nodes that the SPARQL queries read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal

from foedus.errors import FoedusError
from foedus.ontology import iris
from foedus.ontology.iris import FO, VOCAB
from foedus.ontology.rdf_terms import bind_prefixes
from foedus.tomlfile import read_toml

PACKAGED_PARAMETERS = Path(__file__).with_name("parameters.toml")


class ParameterError(FoedusError):
    """A derivation parameter is unknown or not a number."""


@dataclass(frozen=True)
class Parameter:
    name: str
    value: float
    comment: str = ""
    applies_to: str | None = None


def load_parameters(path: Path = PACKAGED_PARAMETERS) -> dict[str, Parameter]:
    raw = read_toml(path, ParameterError, "parameters file")
    out: dict[str, Parameter] = {}
    for name, spec in raw.get("parameter", {}).items():
        value = spec.get("value")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ParameterError(f"{path}: parameter {name!r} has value {value!r}; expected a number")
        out[name] = Parameter(name, float(value), spec.get("comment", ""), spec.get("applies_to"))
    return out


def with_overrides(
    params: Mapping[str, Parameter], overrides: Mapping[str, object] | Iterable[str] | None
) -> dict[str, Parameter]:
    """`params` with values replaced, from a mapping or from `name=value` strings (`--param`)."""
    if not overrides:
        return dict(params)
    pairs: list[tuple[str, object]] = []
    if isinstance(overrides, Mapping):
        pairs = list(overrides.items())
    else:
        for item in overrides:
            if "=" not in item:
                raise ParameterError(f"--param {item!r}: expected name=value")
            name, value = item.split("=", 1)
            pairs.append((name.strip(), value.strip()))
    out = dict(params)
    for name, value in pairs:
        if name not in out:
            raise ParameterError(f"--param {name}: unknown parameter; known: {', '.join(sorted(out))}")
        try:
            number = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise ParameterError(f"--param {name}={value!r}: not a number") from None
        old = out[name]
        out[name] = Parameter(name, number, old.comment, old.applies_to)
    return out


def _decimal(value: float) -> str:
    """A valid xsd:decimal lexical form (no exponent)."""
    text = f"{value:.9f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def parameters_graph(params: Mapping[str, Parameter]) -> Graph:
    """One fo:Parameter node per parameter (value as xsd:decimal)."""
    g = bind_prefixes(Graph())
    for p in params.values():
        node = iris.parameter(p.name)
        g.add((node, RDF.type, FO.Parameter))
        g.add((node, FO.parameterName, Literal(p.name)))
        g.add((node, FO.parameterValue, Literal(_decimal(p.value), datatype=XSD.decimal)))
        if p.comment:
            g.add((node, RDFS.comment, Literal(p.comment, lang="en")))
        if p.applies_to:
            g.add((node, FO.appliesTo, VOCAB[p.applies_to]))
    return g
