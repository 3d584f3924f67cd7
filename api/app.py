"""The HTTP app: routers per resource over one read-only build of the store."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from foedus import __version__
from foedus.api.routers import actors, cases, documents, exports, health, sparql, treaties, views
from foedus.api.sparql_pool import QueryPool
from foedus.api.state import SPARQL_WORKERS, ServingState
from foedus.ontology import read


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    """422 with FastAPI's detail plus one readable line naming each bad parameter."""
    assert isinstance(exc, RequestValidationError)
    problems = [
        f"{'.'.join(str(p) for p in err['loc'])} = {err.get('input')!r}: {err['msg']}" for err in exc.errors()
    ]
    return JSONResponse({"message": "; ".join(problems), "detail": exc.errors()}, status_code=422)


def _warm_up(state: ServingState) -> None:
    """Compute the read model's lists (used by the index and the lists) before anyone asks."""
    state.cached(("cases-data",), lambda: read.list_cases(state.store))
    state.cached(("treaties-data",), lambda: read.list_treaties(state.store))


def create_app(store_dir: Path, *, query_timeout: float, result_limit: int) -> FastAPI:
    """Open the current build under `store_dir` read-only and serve it."""
    state = ServingState.open(store_dir, query_timeout=query_timeout, result_limit=result_limit)
    pool = QueryPool(state.graph_path, size=SPARQL_WORKERS, timeout=query_timeout, limit=result_limit)
    threading.Thread(target=_warm_up, args=(state,), daemon=True, name="foedus-warm-up").start()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()
        state.close()

    app = FastAPI(
        title="foedus",
        version=__version__,
        description="Read-only lookups, SPARQL and a document reader over a foedus build.",
        lifespan=lifespan,
    )
    app.state.serving = state
    app.state.query_pool = pool
    app.add_exception_handler(RequestValidationError, _validation_error)
    for router in (health, actors, treaties, cases, documents, exports, sparql, views):
        app.include_router(router.router)
    app.mount("/static", StaticFiles(directory=str(files("foedus.api").joinpath("static"))), name="static")
    return app
