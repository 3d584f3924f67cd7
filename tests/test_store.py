"""The store interface on both backends, and the atomic build swap."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from foedus.errors import QueryError, StoreError
from foedus.store import abandon_build, backend, commit_build, current_build, new_build, open_store

EX = "http://example.org/"
G1, G2 = URIRef(EX + "g1"), URIRef(EX + "g2")


def _graph(*objects: str) -> Graph:
    g = Graph()
    for i, o in enumerate(objects):
        g.add((URIRef(f"{EX}s{i}"), URIRef(EX + "label"), Literal(o, lang="zh-Hans")))
    return g


@pytest.fixture(params=["oxigraph", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path):
    st = backend(request.param)(tmp_path / "graph")
    yield st
    st.close()


def test_replace_graph_is_idempotent_and_per_graph(store) -> None:
    store.replace_graph(G1, _graph("北约", "东南亚条约组织"))
    store.replace_graph(G1, _graph("北约", "东南亚条约组织"))
    store.replace_graph(G2, _graph("澳新美"))
    assert store.count() == 3
    store.replace_graph(G1, _graph("北约"))
    assert store.count() == 2
    assert set(store.graph_names()) == {G1, G2}
    store.drop_graph(G2)
    assert store.graph_names() == [G1]


def test_bindings_are_values_not_text(store) -> None:
    store.replace_graph(G1, _graph("北约", "x"))
    q = "SELECT ?s ?o WHERE { ?s <http://example.org/label> ?o }"
    res = store.query(q, bindings={"s": URIRef(EX + "s0")})
    assert [str(r[1]) for r in res.rows] == ["北约"]
    hostile = Literal('"} ; DROP ALL ; #')
    assert store.query("SELECT ?s ?o WHERE { ?s ?p ?o }", bindings={"o": hostile}).rows == []
    assert store.count() == 2


def test_ask_construct_and_errors(store) -> None:
    store.replace_graph(G1, _graph("北约"))
    assert store.query("ASK { ?s ?p ?o }").boolean is True
    built = store.query("CONSTRUCT { ?s <http://example.org/seen> true } WHERE { ?s ?p ?o }")
    assert built.kind == "CONSTRUCT" and len(built.graph) == 1
    with pytest.raises(QueryError, match="malformed"):
        store.query("SELECT WHERE {")


def test_serialize_dataset_and_union(store) -> None:
    store.replace_graph(G1, _graph("北约"))
    nq = store.serialize("nquads").decode()
    assert str(G1) in nq and "北约" in nq
    assert str(G1) not in store.serialize("nt").decode()
    with pytest.raises(StoreError):
        store.serialize("no-such-format")


def test_commit_swaps_atomically_and_failed_build_leaves_previous(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    first = new_build(store_dir)
    st = backend("oxigraph")(first / "graph")
    st.replace_graph(G1, _graph("北约"))
    st.close()
    commit_build(store_dir, first)
    assert current_build(store_dir) == first.resolve()

    second = new_build(store_dir)
    st = backend("oxigraph")(second / "graph")
    st.replace_graph(G1, _graph("a", "b", "c"))
    st.close()
    abandon_build(second)  # as a failed build does
    with open_store(store_dir, read_only=True) as reader:
        assert reader.count() == 1
    assert not second.exists()


def test_open_without_build_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="foedus build"):
        open_store(tmp_path / "empty")


def test_unknown_backend_is_named() -> None:
    with pytest.raises(StoreError, match="unknown store backend 'nope'"):
        backend("nope")
