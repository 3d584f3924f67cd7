"""Shared fixtures: the real corpus in ../shared (never a toy copy)."""

from __future__ import annotations

from pathlib import Path

import pytest

from foedus.corpus.catalogue import PACKAGED_CATALOGUE, Catalogue, find_corpus_root, load_catalogue


@pytest.fixture(scope="session")
def corpus_root() -> Path:
    return find_corpus_root()


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue(PACKAGED_CATALOGUE)


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory, corpus_root: Path) -> Path:
    """The whole real corpus built once per test session into a temporary store."""
    import support

    store = support.real_store()
    assert support.BUILD_SUMMARY["failed"] == [], support.BUILD_SUMMARY["failed"]
    return store
