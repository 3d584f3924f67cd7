"""`/health`: is the store open, which build, how big."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from foedus.api.deps import serving
from foedus.api.models import Health
from foedus.api.state import ServingState

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, summary="Store status, build id and size")
async def health(state: Annotated[ServingState, Depends(serving)]) -> Health:
    return Health(status="ok", build=state.build_id, triples=state.triples, documents=len(state.documents))
