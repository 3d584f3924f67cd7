"""Answers for entity pages: JSON from the read model, or the entity's node as JSON-LD or
Turtle, chosen by the Accept header.  Every answer is computed once per build."""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files
from typing import Any

from fastapi import HTTPException, Request, Response
from pydantic import BaseModel
from rdflib import URIRef

from foedus.api.negotiation import choose
from foedus.api.state import ServingState
from foedus.ontology import iris

ENTITY_MEDIA_TYPES = ["application/json", "application/ld+json", "text/turtle"]
_RDFLIB_FORMATS = {"application/ld+json": "json-ld", "text/turtle": "turtle"}
DESCRIBE_NODE = files("foedus.api").joinpath("queries/describe_node.rq").read_text(encoding="utf-8")


def describe_node(state: ServingState, node: URIRef, media_type: str) -> bytes:
    """The node's triples serialised as JSON-LD or Turtle."""
    graph = state.store.query(DESCRIBE_NODE, bindings={"node": node}).graph
    assert graph is not None
    for prefix, namespace in iris.PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph.serialize(format=_RDFLIB_FORMATS[media_type]).encode("utf-8")


async def entity_response(
    request: Request,
    state: ServingState,
    kind: str,
    entity_id: str,
    read: Callable[[], dict[str, Any] | None],
    model: type[BaseModel],
    node: URIRef,
    *,
    bounded: bool = False,
) -> Response:
    """The entity as the client asked for it; 404 if the read model does not know it.

    `bounded` keeps the answer only among recent ones (for keys holding free user input)."""
    accept = request.headers.get("accept")
    media_type = choose(accept, ENTITY_MEDIA_TYPES)
    if media_type is None:
        raise HTTPException(
            406, f"cannot answer as {accept!r}; this resource is available as {', '.join(ENTITY_MEDIA_TYPES)}"
        )

    def as_json() -> bytes | None:
        data = read()
        return None if data is None else model.model_validate(data).model_dump_json().encode("utf-8")

    body = await state.cached_async(("json", kind, entity_id), as_json, bounded=bounded)
    if body is None:
        raise HTTPException(404, f"no {kind} {entity_id!r} in build {state.build_id}")
    if media_type != "application/json":
        body = await state.cached_async(
            ("rdf", str(node), media_type), lambda: describe_node(state, node, media_type), bounded=bounded
        )
    return Response(body, media_type=media_type, headers={"Vary": "Accept"})


async def cached_json(state: ServingState, key: tuple, compute: Callable[[], Any]) -> Response:
    """A JSON answer computed once per build (`compute` returns serialised, validated data)."""
    return Response(await state.cached_async(key, compute), media_type="application/json")
