"""`/sparql`: a read-only SPARQL 1.1 Protocol endpoint (query operation only).

GET `?query=`, POST form `query=` or POST `application/sparql-query`; the result
format follows `Accept`.  Updates are refused (403); malformed queries get 400 with
the parser's message; long queries are stopped (504); big results refused (413).
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qs

import anyio.to_thread
from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from foedus.api.deps import query_pool
from foedus.api.sparql_formats import content_type
from foedus.api.sparql_guard import update_keyword
from foedus.api.sparql_pool import QueryPool

router = APIRouter(tags=["sparql"])
MAX_QUERY_CHARS = 100_000
READ_ONLY = "this endpoint is read-only: SPARQL Update is refused"
SPARQL_RESPONSES = {
    200: {
        "description": "SELECT/ASK as SPARQL results (JSON, XML, CSV, TSV); CONSTRUCT/DESCRIBE as Turtle, "
        "N-Triples, JSON-LD or RDF/XML — chosen by Accept"
    },
    400: {"description": "missing or malformed query (the parser's message)"},
    403: {"description": "an update was sent"},
    406: {"description": "Accept names no format for this kind of query"},
    413: {"description": "the result is larger than the server's limit"},
    415: {"description": "POST body type not supported"},
    504: {"description": "the query ran longer than the server's time limit"},
}


async def _answer(
    pool: QueryPool, query: str | None, accept: str | None, default_graphs: list[str], named_graphs: list[str]
) -> Response:
    if not query or not query.strip():
        raise HTTPException(
            400,
            "missing SPARQL query: pass it as `query` (GET or form POST)"
            " or as an application/sparql-query body",
        )
    if len(query) > MAX_QUERY_CHARS:
        raise HTTPException(413, f"the query text is longer than {MAX_QUERY_CHARS} characters")
    if keyword := update_keyword(query):
        raise HTTPException(403, f"{READ_ONLY} ({keyword})")
    answer = await anyio.to_thread.run_sync(pool.run, query, accept, default_graphs, named_graphs)
    if answer.status != 200:
        raise HTTPException(answer.status, answer.message)
    assert answer.media_type is not None
    return Response(answer.body, media_type=content_type(answer.media_type), headers={"Vary": "Accept"})


@router.get("/sparql", responses=SPARQL_RESPONSES, summary="SPARQL query (GET)")
async def sparql_get(
    request: Request,
    pool: Annotated[QueryPool, Depends(query_pool)],
    query: Annotated[str | None, Query(description="the SPARQL query")] = None,
    default_graph_uri: Annotated[list[str], Query(alias="default-graph-uri")] = [],  # noqa: B006
    named_graph_uri: Annotated[list[str], Query(alias="named-graph-uri")] = [],  # noqa: B006
) -> Response:
    if "update" in request.query_params:
        raise HTTPException(403, READ_ONLY)
    return await _answer(pool, query, request.headers.get("accept"), default_graph_uri, named_graph_uri)


@router.post(
    "/sparql", responses=SPARQL_RESPONSES, summary="SPARQL query (POST form or application/sparql-query)"
)
async def sparql_post(request: Request, pool: Annotated[QueryPool, Depends(query_pool)]) -> Response:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    params = {k: v for k, v in parse_qs(request.url.query, keep_blank_values=True).items()}
    body = await request.body()
    if media == "application/x-www-form-urlencoded":
        try:
            form = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
        except UnicodeDecodeError as exc:
            raise HTTPException(400, f"the form body is not UTF-8: {exc}") from exc
        if "update" in form or "update" in params:
            raise HTTPException(403, READ_ONLY)
        params = {**params, **form}
        query = (form.get("query") or [None])[0]
    elif media == "application/sparql-query":
        try:
            query = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise HTTPException(400, f"the query body is not UTF-8: {exc}") from exc
    elif media == "application/sparql-update":
        raise HTTPException(403, READ_ONLY)
    else:
        raise HTTPException(
            415,
            "POST a form (application/x-www-form-urlencoded) or application/sparql-query,"
            f" not {media or 'no type'!r}",
        )
    return await _answer(
        pool,
        query,
        request.headers.get("accept"),
        params.get("default-graph-uri", []),
        params.get("named-graph-uri", []),
    )
