"""`/documents`: the catalogue's documents; one document's text, structure and annotations.

Annotations can be filtered by label, language and a span range: with `start`/`end`
only annotations lying inside [start, end) are returned (code-point offsets).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from pydantic import TypeAdapter

from foedus.api.deps import serving
from foedus.api.entity_response import cached_json, entity_response
from foedus.api.ids import DocumentId
from foedus.api.models import DocumentDetail, DocumentSummary
from foedus.api.routers.actors import ENTITY_RESPONSES
from foedus.api.state import ServingState
from foedus.model import Label
from foedus.ontology import iris, read

router = APIRouter(prefix="/documents", tags=["documents"])
_LIST = TypeAdapter(list[DocumentSummary])


def document_detail(
    state: ServingState,
    doc_id: str,
    label: Label | None = None,
    lang: str | None = None,
    start: int | None = None,
    end: int | None = None,
    include_text: bool = True,
) -> dict[str, Any] | None:
    doc = state.documents.get(doc_id)
    if doc is None:
        return None
    anns = state.annotations[doc_id]
    if label is not None:
        anns = [a for a in anns if a.label == label]
    if lang is not None:
        anns = [a for a in anns if (a.lang or doc.lang_at(a.start) or "").lower() == lang]
    if start is not None:
        anns = [a for a in anns if a.start >= start]
    if end is not None:
        anns = [a for a in anns if a.end <= end]
    data = doc.to_json()
    data.pop("warnings", None)
    data["text"] = doc.text if include_text else None
    data["length"] = len(doc.text)
    data["annotations"] = [a.to_json() | {"id": a.id, "lang": a.lang or doc.lang_at(a.start)} for a in anns]
    return data


@router.get("", response_model=list[DocumentSummary], summary="Every document in the build")
async def list_documents(state: Annotated[ServingState, Depends(serving)]) -> Response:
    return await cached_json(
        state,
        ("documents",),
        lambda: _LIST.dump_json(_LIST.validate_python(read.list_documents(state.store))),
    )


@router.get(
    "/{doc_id}",
    response_model=DocumentDetail,
    responses=ENTITY_RESPONSES,
    summary="One document: metadata, structure, text, annotations (filterable)",
)
async def get_document(
    doc_id: DocumentId,
    request: Request,
    state: Annotated[ServingState, Depends(serving)],
    label: Annotated[Label | None, Query(description="only annotations with this label")] = None,
    lang: Annotated[
        str | None, Query(pattern=r"^[a-z]{2,3}$", description="only annotations in this language")
    ] = None,
    start: Annotated[
        int | None, Query(ge=0, description="only annotations starting at or after this offset")
    ] = None,
    end: Annotated[
        int | None, Query(ge=0, description="only annotations ending at or before this offset")
    ] = None,
    include_text: Annotated[bool, Query(description="include the canonical text")] = True,
) -> Response:
    if start is not None and end is not None and start > end:
        raise HTTPException(422, f"start ({start}) must not be greater than end ({end})")
    filtered = (label, lang, start, end, include_text) != (None, None, None, None, True)
    key = ("document", doc_id, label, lang, start, end, include_text) if filtered else doc_id
    return await entity_response(
        request,
        state,
        "document",
        str(key) if filtered else doc_id,
        lambda: document_detail(state, doc_id, label, lang, start, end, include_text),
        DocumentDetail,
        iris.document(doc_id),
        bounded=filtered,
    )
