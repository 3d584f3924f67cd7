"""`/exports`: the annotated corpus in the formats of `foedus export`, as a zip per format."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import FileResponse

from foedus.api.deps import serving
from foedus.api.state import ServingState
from foedus.errors import FoedusError

router = APIRouter(tags=["exports"])


@router.get("/exports", summary="The export formats (same names as `foedus export --list`)")
async def list_formats() -> list[dict[str, str]]:
    from foedus.export import FORMATS

    return [
        {"name": e.name, "description": e.description, "url": f"/exports/{e.name}"} for e in FORMATS.values()
    ]


def _zip_export(state: ServingState, fmt: str, documents: list[str] | None) -> Path:
    from foedus.export import export

    work = Path(tempfile.mkdtemp(prefix=f"foedus-export-{fmt}-"))
    export(fmt, state.store_dir, work / fmt, documents=documents)
    archive = shutil.make_archive(
        str(work / f"foedus-{state.build_id}-{fmt}"), "zip", root_dir=work, base_dir=fmt
    )
    shutil.rmtree(work / fmt, ignore_errors=True)
    return Path(archive)


@router.get(
    "/exports/{fmt}",
    summary="Export the corpus (or some documents) in one format, as a zip archive",
    response_class=FileResponse,
)
async def export_format(
    fmt: str,
    state: Annotated[ServingState, Depends(serving)],
    document: Annotated[list[str] | None, Query(description="only these document ids")] = None,
) -> FileResponse:
    from foedus.export import FORMATS

    if fmt not in FORMATS:
        raise HTTPException(404, f"unknown export format {fmt!r}; known: {', '.join(FORMATS)}")
    for doc_id in document or []:
        if doc_id not in state.documents:
            raise HTTPException(422, f"document={doc_id!r}: not a document of this build")
    key = ("export", fmt, tuple(sorted(document or [])))
    try:
        archive = await state.cached_async(key, lambda: _zip_export(state, fmt, document))
    except FoedusError as exc:
        raise HTTPException(500, f"export {fmt} failed: {exc}") from exc
    return FileResponse(archive, media_type="application/zip", filename=archive.name)
