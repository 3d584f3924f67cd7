"""`/treaties`: every treaty with its obligations; one treaty with its articles zh/en."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from pydantic import TypeAdapter

from foedus.api.deps import serving
from foedus.api.entity_response import cached_json, entity_response
from foedus.api.ids import TreatyId
from foedus.api.models import Treaty, TreatySummary
from foedus.api.routers.actors import ENTITY_RESPONSES
from foedus.api.state import ServingState
from foedus.ontology import iris, read

router = APIRouter(prefix="/treaties", tags=["treaties"])
_LIST = TypeAdapter(list[TreatySummary])


@router.get("", response_model=list[TreatySummary], summary="Every treaty and draft")
async def list_treaties(state: Annotated[ServingState, Depends(serving)]) -> Response:
    return await cached_json(
        state, ("treaties",), lambda: _LIST.dump_json(_LIST.validate_python(read.list_treaties(state.store)))
    )


@router.get(
    "/{treaty_id}", response_model=Treaty, responses=ENTITY_RESPONSES, summary="One treaty, articles zh/en"
)
async def get_treaty(
    treaty_id: TreatyId, request: Request, state: Annotated[ServingState, Depends(serving)]
) -> Response:
    return await entity_response(
        request,
        state,
        "treaty",
        treaty_id,
        lambda: read.get_treaty(state.store, treaty_id),
        Treaty,
        iris.treaty(treaty_id),
    )
