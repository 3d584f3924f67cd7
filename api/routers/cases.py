"""`/cases`: the model's cases with verdicts; one case with its explanation chain down to quotes."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from pydantic import TypeAdapter

from foedus.api.deps import serving
from foedus.api.entity_response import cached_json, entity_response
from foedus.api.ids import CaseId
from foedus.api.models import Case, CaseSummary
from foedus.api.routers.actors import ENTITY_RESPONSES
from foedus.api.state import ServingState
from foedus.ontology import iris, read

router = APIRouter(prefix="/cases", tags=["cases"])
_LIST = TypeAdapter(list[CaseSummary])


def all_cases(state: ServingState) -> list[dict[str, Any]]:
    return state.cached(("cases-data",), lambda: read.list_cases(state.store))


def case_with_explanation(state: ServingState, case_id: str) -> dict[str, Any] | None:
    summary = next((c for c in all_cases(state) if c.get("id") == case_id), None)
    if summary is None:
        return None
    return {**summary, "explanation": read.explain_case(state.store, case_id)}


@router.get("", response_model=list[CaseSummary], summary="Every case with its verdict and evidence")
async def list_cases(state: Annotated[ServingState, Depends(serving)]) -> Response:
    return await cached_json(
        state, ("cases",), lambda: _LIST.dump_json(_LIST.validate_python(all_cases(state)))
    )


@router.get("/{case_id}", response_model=Case, responses=ENTITY_RESPONSES, summary="One case and why")
async def get_case(
    case_id: CaseId, request: Request, state: Annotated[ServingState, Depends(serving)]
) -> Response:
    return await entity_response(
        request,
        state,
        "case",
        case_id,
        lambda: case_with_explanation(state, case_id),
        Case,
        iris.case(case_id),
    )
