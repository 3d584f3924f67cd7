"""The web view: an index, a document reader, a case timeline and a treaty comparison.

Pages are plain HTML from templates; their scripts read the JSON API, so the view
shows exactly what the API serves.
"""

from __future__ import annotations

import re
from importlib.resources import files
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from foedus.api.deps import serving
from foedus.api.ids import ID_PATTERN, ID_RULE, CaseId, DocumentId
from foedus.api.routers.cases import all_cases
from foedus.api.state import ServingState
from foedus.ontology import read

router = APIRouter(tags=["view"], include_in_schema=False)
templates = Jinja2Templates(directory=str(files("foedus.api").joinpath("templates")))
DEFAULT_COMPARISON = "nato-1949,anzus-1951,seato-1954"
MAX_COMPARED = 8


@router.get("/", response_class=HTMLResponse)
async def index(request: Request, state: Annotated[ServingState, Depends(serving)]) -> HTMLResponse:
    documents = sorted(state.documents.values(), key=lambda d: (d.kind, d.id))
    treaties = await state.cached_async(("treaties-data",), lambda: read.list_treaties(state.store))
    cases = await state.cached_async(("cases-data",), lambda: read.list_cases(state.store))
    return templates.TemplateResponse(
        request,
        "index.html",
        {"documents": documents, "cases": cases, "treaties": treaties, "build": state.build_id},
    )


@router.get("/view/documents/{doc_id}", response_class=HTMLResponse)
async def document_page(
    doc_id: DocumentId, request: Request, state: Annotated[ServingState, Depends(serving)]
) -> HTMLResponse:
    doc = state.documents.get(doc_id)
    if doc is None:
        raise HTTPException(404, f"no document {doc_id!r} in build {state.build_id}")
    return templates.TemplateResponse(request, "document.html", {"doc": doc})


@router.get("/view/cases/{case_id}", response_class=HTMLResponse)
async def case_page(
    case_id: CaseId, request: Request, state: Annotated[ServingState, Depends(serving)]
) -> HTMLResponse:
    cases = await state.cached_async(("cases-data",), lambda: all_cases(state))
    if not any(c.get("id") == case_id for c in cases):
        raise HTTPException(404, f"no case {case_id!r} in build {state.build_id}")
    return templates.TemplateResponse(request, "case.html", {"case_id": case_id})


@router.get("/view/treaties", response_class=HTMLResponse)
async def treaty_comparison(
    request: Request,
    ids: Annotated[
        str, Query(max_length=1000, description="comma-separated treaty ids")
    ] = DEFAULT_COMPARISON,
) -> HTMLResponse:
    wanted = [i.strip() for i in ids.split(",") if i.strip()]
    bad = [i for i in wanted if not re.fullmatch(ID_PATTERN, i)]
    if bad or not wanted or len(wanted) > MAX_COMPARED:
        raise HTTPException(
            422,
            f"ids must list 1 to {MAX_COMPARED} treaty ids ({ID_RULE}), comma-separated; bad: {bad or ids!r}",
        )
    return templates.TemplateResponse(request, "treaties.html", {"ids": wanted})
