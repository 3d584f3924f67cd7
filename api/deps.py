"""Request dependencies (async, so FastAPI does not hop to a thread for them)."""

from __future__ import annotations

from fastapi import Request

from foedus.api.sparql_pool import QueryPool
from foedus.api.state import ServingState


async def serving(request: Request) -> ServingState:
    return request.app.state.serving


async def query_pool(request: Request) -> QueryPool:
    return request.app.state.query_pool
