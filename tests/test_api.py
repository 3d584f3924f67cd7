"""The HTTP API through the real ASGI app, over a real build of the corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import support  # tests/support.py (tests/ is on pytest's pythonpath)
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef

from foedus.api.app import create_app
from foedus.ontology import iris, read
from foedus.store import current_build, open_store
from foedus.store.snapshot import read_snapshot


@pytest.fixture(scope="module")
def store_dir() -> Path:
    return support.real_store()


@pytest.fixture(scope="module")
def client(store_dir: Path):
    with TestClient(create_app(store_dir, query_timeout=5.0, result_limit=500)) as c:
        yield c


@pytest.fixture(scope="module")
def expected(client: TestClient) -> dict:
    """What the read model and the snapshot say, read directly (the app holds its own store)."""
    build = current_build(support.real_store())
    store = open_store(support.real_store(), read_only=True)
    out = {
        "documents": read.list_documents(store),
        "treaties": read.list_treaties(store),
        "cases": read.list_cases(store),
        "triples": store.count(),
        "snapshot": {d.id: (d, anns) for d, anns in read_snapshot(build)},
        "build": build.name,
    }
    return out


def test_health_names_the_build_and_its_size(client: TestClient, expected: dict) -> None:
    body = client.get("/health").json()
    assert body == {
        "status": "ok",
        "build": expected["build"],
        "triples": expected["triples"],
        "documents": len(expected["snapshot"]),
    }
    assert expected["triples"] > 1000
    assert client.get("/openapi.json").json()["info"]["title"] == "foedus"
    assert client.get("/docs").status_code == 200


@pytest.mark.parametrize("resource", ["documents", "treaties", "cases"])
def test_lists_answer_what_the_read_model_says(client: TestClient, expected: dict, resource: str) -> None:
    body = client.get(f"/{resource}").json()
    assert [item["id"] for item in body] == [item["id"] for item in expected[resource]]


def test_a_treaty_text_comes_back_whole_with_its_annotations(client: TestClient, expected: dict) -> None:
    doc, anns = expected["snapshot"]["nato-1949.en"]
    body = client.get("/documents/nato-1949.en").json()
    assert body["text"] == doc.text
    assert body["length"] == len(doc.text)
    assert len(body["annotations"]) == len(anns)
    assert [n["id"] for n in body["structure"]] == [n.id for n in doc.structure]
    for a in body["annotations"]:
        assert doc.text[a["start"] : a["end"]] == a["text"]


def test_book_annotations_are_code_point_spans(client: TestClient, expected: dict) -> None:
    book = next(d for d, _ in expected["snapshot"].values() if d.kind == "book")
    body = client.get(f"/documents/{book.id}", params={"lang": "zh"}).json()
    for a in body["annotations"]:
        assert body["text"][a["start"] : a["end"]] == a["text"]
        assert a["lang"] == "zh"


def test_annotation_filters(client: TestClient, expected: dict) -> None:
    doc_id, (doc, anns) = max(expected["snapshot"].items(), key=lambda kv: len(kv[1][1]))
    if not anns:
        pytest.skip("no document of this build has annotations yet")
    label = anns[0].label
    body = client.get(f"/documents/{doc_id}", params={"label": label, "include_text": "false"}).json()
    assert body["text"] is None
    assert {a["label"] for a in body["annotations"]} == {label}
    assert len(body["annotations"]) == sum(1 for a in anns if a.label == label)
    mid = len(doc.text) // 2
    body = client.get(f"/documents/{doc_id}", params={"start": 0, "end": mid}).json()
    assert len(body["annotations"]) == sum(1 for a in anns if a.end <= mid)
    assert all(a["end"] <= mid for a in body["annotations"])


@pytest.mark.parametrize(
    "params,fragment",
    [
        ({"label": "WEAPON"}, "label"),
        ({"start": -1}, "start"),
        ({"lang": "Chinese!"}, "lang"),
        ({"start": 10, "end": 5}, "start (10) must not be greater than end (5)"),
    ],
)
def test_bad_filters_get_422_naming_the_parameter(client: TestClient, params: dict, fragment: str) -> None:
    r = client.get("/documents/nato-1949.en", params=params)
    assert r.status_code == 422
    assert fragment in r.text


@pytest.mark.parametrize(
    "path", ["/documents/no such doc", "/actors/Q30;DROP", "/cases/" + "x" * 200, "/treaties/-x"]
)
def test_bad_ids_get_422_with_the_rule(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 422
    assert "should match pattern" in r.json()["message"]


@pytest.mark.parametrize(
    "path", ["/documents/nope-1900", "/actors/Q999999999", "/treaties/nope-1900", "/cases/nope"]
)
def test_unknown_ids_get_404(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert "nope" in r.text or "Q999999999" in r.text


def test_documents_negotiate_turtle_and_json_ld(client: TestClient) -> None:
    node = iris.document("nato-1949.en")
    turtle = client.get("/documents/nato-1949.en", headers={"Accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=turtle.text, format="turtle")
    assert (node, None, None) in g
    jsonld = client.get(
        "/documents/nato-1949.en", headers={"Accept": "application/ld+json;q=0.9, text/html;q=0.1"}
    )
    assert jsonld.headers["content-type"].startswith("application/ld+json")
    g2 = Graph().parse(data=jsonld.text, format="json-ld")
    assert set(g2.predicates(node)) == set(g.predicates(node))
    assert client.get("/documents/nato-1949.en", headers={"Accept": "image/png"}).status_code == 406
    assert client.get("/documents/nato-1949.en", headers={"Accept": "*/*"}).json()["id"] == "nato-1949.en"


@pytest.mark.parametrize("resource,read_one", [("treaties", read.get_treaty), ("cases", read.explain_case)])
def test_entity_pages_match_the_read_model(
    client: TestClient, expected: dict, resource: str, read_one
) -> None:
    if not expected[resource]:
        pytest.skip(f"the read model lists no {resource} yet")
    entity_id = expected[resource][0]["id"]
    body = client.get(f"/{resource}/{entity_id}").json()
    assert body["id"] == entity_id
    turtle = client.get(f"/{resource}/{entity_id}", headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200
    node = iris.treaty(entity_id) if resource == "treaties" else iris.case(entity_id)
    assert (URIRef(node), None, None) in Graph().parse(data=turtle.text, format="turtle")


def test_actor_search_and_page(client: TestClient, store_dir: Path) -> None:
    store = open_store(store_dir, read_only=True)
    for q in ("美国", "United", "Sovet"):
        body = client.get("/actors", params={"q": q}).json()
        assert [h["id"] for h in body] == [h["id"] for h in read.search_actors(store, q, 20)]
    assert client.get("/actors").status_code == 422
    hits = read.search_actors(store, "美国", 1)
    if not hits:
        pytest.skip("the read model finds no actors yet")
    assert client.get(f"/actors/{hits[0]['id']}").json()["id"] == hits[0]["id"]


def test_web_pages_render(client: TestClient, expected: dict) -> None:
    index = client.get("/")
    assert index.status_code == 200
    for doc_id in expected["snapshot"]:
        assert f'href="/view/documents/{doc_id}"' in index.text
    page = client.get("/view/documents/nato-1949.en")
    assert 'data-document="nato-1949.en"' in page.text
    assert client.get("/static/reader.js").status_code == 200
    assert client.get("/view/treaties", params={"ids": "nato-1949,anzus-1951"}).status_code == 200
    assert client.get("/view/treaties", params={"ids": "nato-1949,<script>"}).status_code == 422
    assert client.get("/view/documents/nope-1900").status_code == 404


def test_sparql_select_through_the_app(client: TestClient, expected: dict) -> None:
    r = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
    assert r.headers["content-type"] == "application/sparql-results+json"
    assert int(json.loads(r.text)["results"]["bindings"][0]["n"]["value"]) == expected["triples"]


def test_exports_from_the_api_are_the_cli_formats(client: TestClient, tmp_path: Path) -> None:
    import io
    import zipfile

    from foedus.export import FORMATS

    listed = client.get("/exports").json()
    assert [f["name"] for f in listed] == list(FORMATS)
    resp = client.get("/exports/brat", params={"document": "nato-1949.zh"})
    assert resp.status_code == 200 and resp.headers["content-type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(resp.content)).namelist()
    assert any(n.endswith("nato-1949.zh.ann") for n in names), names
    assert any(n.endswith("nato-1949.zh.txt") for n in names), names
    assert client.get("/exports/no-such-format").status_code == 404
    bad = client.get("/exports/brat", params={"document": "no-such-doc"})
    assert bad.status_code == 422 and "no-such-doc" in bad.json()["detail"]
