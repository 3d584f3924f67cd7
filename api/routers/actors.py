"""`/actors`: search by zh/en label or alias, and one actor with its treaties and threats."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import TypeAdapter

from foedus.api.deps import serving
from foedus.api.entity_response import entity_response
from foedus.api.ids import ActorId
from foedus.api.models import Actor, ActorHit
from foedus.api.state import ServingState
from foedus.ontology import iris, read

router = APIRouter(prefix="/actors", tags=["actors"])
_HITS = TypeAdapter(list[ActorHit])
ENTITY_RESPONSES = {
    200: {"content": {"application/ld+json": {}, "text/turtle": {}}},
    404: {"description": "not in this build"},
    406: {"description": "Accept names no type we serve"},
}


@router.get("", response_model=list[ActorHit], summary="Search actors by zh or en label or alias")
async def search_actors(
    state: Annotated[ServingState, Depends(serving)],
    q: Annotated[
        str, Query(min_length=1, max_length=100, description="zh or en label or alias; prefix, then fuzzy")
    ],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> Response:
    body = await state.cached_async(
        ("actors", q, limit),
        lambda: _HITS.dump_json(_HITS.validate_python(read.search_actors(state.store, q, limit))),
        bounded=True,
    )
    return Response(body, media_type="application/json")


@router.get("/{actor_id}", response_model=Actor, responses=ENTITY_RESPONSES, summary="One actor")
async def get_actor(
    actor_id: ActorId, request: Request, state: Annotated[ServingState, Depends(serving)]
) -> Response:
    return await entity_response(
        request,
        state,
        "actor",
        actor_id,
        lambda: read.get_actor(state.store, actor_id),
        Actor,
        iris.actor(actor_id),
    )
