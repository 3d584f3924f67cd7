"""Bad input at build level: each bad document is one line naming the file; the rest builds;
a failed build leaves the previous store usable."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from support import foedus  # tests/support.py (tests/ is on pytest's pythonpath)

from foedus.errors import CorpusError, FoedusError
from foedus.pipeline import build
from foedus.store import current_build, open_store


def _entry(doc_id: str, path: str, sha: str | None = None, fmt: str = "treaty-text") -> str:
    sha_line = f'sha256 = "{sha}"\n' if sha else ""
    return (
        f'[[document]]\nid = "{doc_id}"\nkind = "treaty"\nformat = "{fmt}"\nwork = "{doc_id}"\n'
        f'languages = ["en"]\ndate = "1951-09-01"\nparties = ["Q30", "Q408", "Q664"]\n'
        f'path = "{path}"\n{sha_line}title = {{ en = "{doc_id}" }}\n\n'
    )


@pytest.fixture
def bad_corpus(tmp_path: Path, corpus_root: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    good = corpus_root / "corpus/treaties/en/anzus-1951-draft-1951-07-12.txt"
    (root / "good.txt").write_bytes(good.read_bytes())
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (root / "tampered.txt").write_text("Article 1\n\nThe Parties shall consult.\n", encoding="utf-8")
    catalogue = (
        _entry("good", "good.txt", hashlib.sha256(good.read_bytes()).hexdigest())
        + _entry("empty", "empty.txt")
        + _entry("binary", "binary.txt")
        + _entry("tampered", "tampered.txt", "0" * 64)
        + _entry("missing", "missing.txt")
    )
    (root / "foedus-catalogue.toml").write_text(catalogue, encoding="utf-8")
    return root


def test_bad_documents_are_reported_and_the_rest_builds(bad_corpus: Path, tmp_path: Path) -> None:
    summary = build(tmp_path / "store", corpus=bad_corpus)
    assert summary.documents == 1
    reasons = {Path(f.path).name: f.reason for f in summary.failures}
    assert set(reasons) == {"empty.txt", "binary.txt", "tampered.txt", "missing.txt"}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "sha256" in reasons["tampered.txt"]
    assert "missing" in reasons["missing.txt"]
    for f in summary.failures:
        assert "\n" not in str(f) and str(f).startswith(str(bad_corpus))


def test_cli_prints_one_line_per_bad_file(bad_corpus: Path, tmp_path: Path) -> None:
    proc = foedus("build", "--corpus", str(bad_corpus), store=tmp_path / "s")
    assert proc.returncode == 0, proc.stderr
    skipped = [line for line in proc.stderr.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 4
    assert any("tampered.txt" in line and "sha256" in line for line in skipped)
    strict = foedus("build", "--strict", "--corpus", str(bad_corpus), store=tmp_path / "s")
    assert strict.returncode == 1


def test_failed_build_leaves_previous_store_usable(bad_corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    build(store, corpus=bad_corpus)
    before = current_build(store)
    with open_store(store, read_only=True) as st:
        triples = st.count()
    with pytest.raises(FoedusError):
        build(store, corpus=bad_corpus, parameters={"no_such_parameter": 1.0})
    assert current_build(store) == before
    with open_store(store, read_only=True) as st:
        assert st.count() == triples
    assert len(list((store / "builds").iterdir())) == 1


def test_catalogue_errors_name_the_file(tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    (root / "foedus-catalogue.toml").write_text(
        '[[document]]\nid = "x"\nkind = "poem"\nformat = "text"\npath = "x"\n'
    )
    with pytest.raises(CorpusError, match="foedus-catalogue.toml.*kind 'poem'"):
        build(tmp_path / "s", corpus=root)
