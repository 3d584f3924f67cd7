"""The SPARQL 1.1 Protocol endpoint on a real uvicorn server, queried by real SPARQL clients."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
from xml.etree import ElementTree

import httpx
import pytest
import support  # tests/support.py (tests/ is on pytest's pythonpath)
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from foedus.ontology import iris

LIMIT = 200
TIMEOUT = 1.5
DOC = str(iris.document("nato-1949.en"))
LOOKUP = "SELECT ?id WHERE { ?doc <https://w3id.org/foedus/ontology#documentId> ?id } ORDER BY ?id"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def endpoint() -> str:
    with support.running_server(support.real_store(), query_timeout=TIMEOUT, result_limit=LIMIT) as base:
        yield base + "/sparql"


def test_sparqlwrapper_select_json(endpoint: str) -> None:
    client = SPARQLWrapper(endpoint)
    client.setQuery(LOOKUP)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    ids = [r["id"]["value"] for r in rows]
    assert "nato-1949.en" in ids and ids == sorted(ids)


def test_rdflib_sparqlstore_select_and_construct(endpoint: str) -> None:
    store = SPARQLStore(endpoint)
    rows = list(store.query("SELECT ?id WHERE { ?d <https://w3id.org/foedus/ontology#documentId> ?id }"))
    assert (Literal("nato-1949.en"),) in [tuple(r) for r in rows]
    graph = Graph(store=store)
    assert (
        URIRef(DOC),
        URIRef("https://w3id.org/foedus/ontology#documentId"),
        Literal("nato-1949.en"),
    ) in graph


@pytest.mark.parametrize(
    "accept,check",
    [
        ("application/sparql-results+json", lambda t: json.loads(t)["head"]["vars"] == ["id"]),
        ("application/sparql-results+xml", lambda t: ElementTree.fromstring(t).tag.endswith("sparql")),
        ("text/csv", lambda t: next(csv.reader(io.StringIO(t))) == ["id"]),
        ("text/tab-separated-values", lambda t: t.splitlines()[0] == "?id"),
    ],
)
def test_select_formats_by_accept(endpoint: str, accept: str, check) -> None:
    r = httpx.get(endpoint, params={"query": LOOKUP}, headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(accept)
    assert check(r.text)
    assert "nato-1949.en" in r.text


@pytest.mark.parametrize(
    "accept,fmt",
    [("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld")],
)
def test_construct_formats_by_accept(endpoint: str, accept: str, fmt: str) -> None:
    prologue = "PREFIX fo: <https://w3id.org/foedus/ontology#>\n"
    query = "CONSTRUCT { ?d ?p ?o } WHERE { ?d fo:documentId 'nato-1949.en' ; ?p ?o }"
    r = httpx.post(
        endpoint,
        content=prologue + query,
        headers={"Content-Type": "application/sparql-query", "Accept": accept},
    )
    assert r.status_code == 200, r.text
    g = Graph().parse(data=r.text, format=fmt)
    assert (URIRef(DOC), None, None) in g


def test_ask_via_form_post(endpoint: str) -> None:
    r = httpx.post(
        endpoint,
        data={"query": f"ASK {{ <{DOC}> ?p ?o }}"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert r.json()["boolean"] is True


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"method": "GET", "params": {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
        {"method": "POST", "data": {"query": "PREFIX x: <urn:x#> DROP ALL"}},
        {"method": "POST", "data": {"update": "CLEAR DEFAULT"}},
        {"method": "GET", "params": {"update": "LOAD <http://example.org/x>"}},
        {
            "method": "POST",
            "content": "DELETE WHERE { ?s ?p ?o }",
            "headers": {"Content-Type": "application/sparql-update"},
        },
        {
            "method": "POST",
            "content": "# comment\nCREATE GRAPH <urn:g>",
            "headers": {"Content-Type": "application/sparql-query"},
        },
    ],
)
def test_updates_are_refused(endpoint: str, request_kwargs: dict) -> None:
    r = httpx.request(url=endpoint, **request_kwargs)
    assert r.status_code == 403
    assert "read-only" in r.json()["detail"]
    # and the store is unchanged
    assert httpx.get(endpoint, params={"query": "ASK { <urn:a> <urn:b> <urn:c> }"}).json()["boolean"] is False


def test_malformed_query_gets_400_with_the_parser_message(endpoint: str) -> None:
    r = httpx.get(endpoint, params={"query": "SELECT ?x WHERE { ?x ?p }"})
    assert r.status_code == 400
    assert r.json()["detail"].startswith("malformed SPARQL query: error at 1:")
    client = SPARQLWrapper(endpoint)
    client.setQuery("SELEKT * WHERE {}")
    with pytest.raises(QueryBadFormed):
        client.query()


def test_oversized_results_get_413(endpoint: str) -> None:
    r = httpx.get(endpoint, params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 413
    assert f"more than {LIMIT} rows" in r.json()["detail"]
    ok = httpx.get(endpoint, params={"query": f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {LIMIT}"})
    assert ok.status_code == 200
    assert len(ok.json()["results"]["bindings"]) == LIMIT


def test_slow_queries_are_stopped_and_the_endpoint_recovers(endpoint: str) -> None:
    r = httpx.get(endpoint, params={"query": SLOW}, timeout=30)
    assert r.status_code == 504
    assert f"{TIMEOUT:g} s limit" in r.json()["detail"]
    client = SPARQLWrapper(endpoint)
    client.setQuery(SLOW)
    with pytest.raises(urllib.error.HTTPError) as raised:  # SPARQLWrapper passes a 504 through as is
        client.query()
    assert raised.value.code == 504
    # the killed workers are replaced: lookups still answer
    for _ in range(4):
        assert httpx.get(endpoint, params={"query": LOOKUP}).status_code == 200


def test_missing_query_and_wrong_body_type(endpoint: str) -> None:
    assert httpx.get(endpoint).status_code == 400
    assert httpx.post(endpoint, content=b"x", headers={"Content-Type": "text/plain"}).status_code == 415
    r = httpx.get(endpoint, params={"query": LOOKUP}, headers={"Accept": "image/png"})
    assert r.status_code == 406
