"""A SPARQL query worker: a child process that the endpoint can kill when a query overruns.

Run as ``python -m foedus.api.sparql_worker STORE_PATH``.  It opens the Oxigraph store
read-only and answers requests framed on stdin/stdout: one JSON line per request
(``query``, ``accept``, ``limit``, ``default_graphs``, ``named_graphs``); per answer one JSON
header line (``status``, ``media_type``, ``length``, ``message``) then ``length`` body bytes.
"""

from __future__ import annotations

import json
import sys
from itertools import islice
from typing import Any, BinaryIO

import pyoxigraph as ox

from foedus.api.negotiation import choose
from foedus.api.sparql_formats import GRAPH_FORMATS, RESULTS_FORMATS

TURTLE_PREFIXES = {
    "fo": "https://w3id.org/foedus/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "oa": "http://www.w3.org/ns/oa#",
}

Answer = tuple[dict[str, Any], bytes]


def _error(status: int, message: str) -> Answer:
    return {"status": status, "message": message}, b""


def _not_acceptable(accept: str, offers: list[str]) -> Answer:
    return _error(
        406, f"cannot answer this query as {accept!r}; this query can be answered as: {', '.join(offers)}"
    )


def _dataset(request: dict[str, Any]) -> dict[str, Any]:
    """The query dataset: the union of all graphs unless the request names graphs (SPARQL Protocol)."""
    kwargs: dict[str, Any] = {}
    if request.get("default_graphs"):
        kwargs["default_graph"] = [ox.NamedNode(g) for g in request["default_graphs"]]
    else:
        kwargs["use_default_graph_as_union"] = True
    if request.get("named_graphs"):
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in request["named_graphs"]]
    return kwargs


def answer(store: ox.Store, request: dict[str, Any]) -> Answer:
    """Run one read-only query and serialise its result in the negotiated format."""
    query, accept, limit = request["query"], request.get("accept"), int(request["limit"])
    try:
        dataset = _dataset(request)
        result = store.query(query, **dataset)
    except SyntaxError as exc:
        return _error(400, f"malformed SPARQL query: {exc}")
    except ValueError as exc:
        return _error(400, f"invalid request: {exc}")
    except OSError as exc:
        return _error(500, f"the store could not answer: {exc}")

    if isinstance(result, ox.QueryTriples):
        offers = list(GRAPH_FORMATS)
        media = choose(accept, offers)
        if media is None:
            return _not_acceptable(accept or "", offers)
        triples = list(islice(result, limit + 1))
        if len(triples) > limit:
            return _error(
                413, f"the result has more than {limit} triples (the server's limit); narrow the query"
            )
        fmt = GRAPH_FORMATS[media]
        prefixes = TURTLE_PREFIXES if fmt == ox.RdfFormat.TURTLE else None
        return {"status": 200, "media_type": media}, ox.serialize(triples, format=fmt, prefixes=prefixes)

    offers = list(RESULTS_FORMATS)
    media = choose(accept, offers)
    if media is None:
        return _not_acceptable(accept or "", offers)
    fmt = RESULTS_FORMATS[media]
    if isinstance(result, ox.QuerySolutions):
        # count first without materialising; serialise natively from a second run
        if sum(1 for _ in islice(result, limit + 1)) > limit:
            return _error(
                413,
                f"the result has more than {limit} rows (the server's limit); add LIMIT or narrow the query",
            )
        result = store.query(query, **dataset)
    return {"status": 200, "media_type": media}, result.serialize(format=fmt)


def serve(store_path: str, requests: BinaryIO, replies: BinaryIO) -> None:
    """Answer framed requests until stdin closes."""
    store = ox.Store.read_only(store_path)
    for line in requests:
        try:
            header, body = answer(store, json.loads(line))
        except Exception as exc:  # noqa: BLE001 - a worker must report, not die, on any query
            header, body = _error(500, f"query failed: {type(exc).__name__}: {exc}")
        header["length"] = len(body)
        replies.write(json.dumps(header).encode("utf-8") + b"\n" + body)
        replies.flush()


def main() -> None:
    replies = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but framed replies may reach the pipe
    serve(sys.argv[1], sys.stdin.buffer, replies)


if __name__ == "__main__":
    main()
