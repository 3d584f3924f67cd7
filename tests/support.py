"""Stores and servers shared by the API, SPARQL-endpoint and browser tests (no tests here).

`real_store()` builds the real corpus once per test process with `foedus.pipeline.build`.
`synthetic_store()` holds one small hand-written document with an astral (non-BMP)
character, for offset tests.  `foedus(...)` runs the CLI in a subprocess; `as_json` reads its output.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from foedus.corpus.catalogue import find_corpus_root
from foedus.model import Alignment, Annotation, Document, Footnote, Segment, StructureNode
from foedus.ontology import iris, to_rdf
from foedus.store import backend, commit_build, new_build
from foedus.store.snapshot import write_snapshot


def _scratch(prefix: str) -> Path:
    path = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, path, True)
    return path


BUILD_SUMMARY: dict = {}


@functools.cache
def real_store() -> Path:
    """A store directory holding a build of the real corpus (built once per test process)."""
    from foedus.pipeline import build

    store_dir = _scratch("foedus-store-")
    summary = build(store_dir, corpus=find_corpus_root())
    BUILD_SUMMARY.update(summary.to_json())
    return store_dir


# A tiny bilingual text: an astral character (U+20BB7 𠮷, two UTF-16 units) sits before
# the annotated spans, so a reader that slices by UTF-16 index would miss them.
SYNTHETIC_TEXT = (
    "前言 𠮷 美国认为苏联的威胁上升。\nPreface 𠮷 The United States saw a rising Soviet threat.\n"
)


def synthetic_document() -> tuple[Document, list[Annotation]]:
    text = SYNTHETIC_TEXT
    zh_end = text.index("\n") + 1
    doc = Document(
        id="synthetic-astral",
        kind="other",
        text=text,
        metadata={"title": {"zh": "合成文本", "en": "Synthetic text"}, "languages": ["zh", "en"]},
        segments=[Segment(0, zh_end, "zh"), Segment(zh_end, len(text), "en")],
        structure=[
            StructureNode("preface", 0, zh_end, id="p-zh", title="前言", lang="zh"),
            StructureNode("preface", zh_end, len(text), id="p-en", title="Preface", lang="en"),
        ],
        footnotes=[
            Footnote(marker="1", anchor=zh_end - 1, start=zh_end - 1, end=zh_end - 1, text="", id="fn1")
        ],
        alignments=[Alignment("paragraph", "p-zh", "p-en")],
    )

    def ann(
        quote: str, label: str, lang: str, entity: str | None = None, after: int = 0, **attributes: object
    ) -> Annotation:
        start = text.index(quote, after)
        return Annotation(
            doc.id,
            start,
            start + len(quote),
            quote,
            label,
            entity,
            dict(attributes),
            "synthetic",
            "tests/1",
            1.0,
            lang,
        )

    anns = [
        ann("美国", "ACTOR", "zh", "Q30", actor="usa", type="state"),
        ann(
            "苏联的威胁上升",
            "THREAT",
            "zh",
            source="Q15180",
            target="Q30",
            direction="rising",
            intensity="high",
        ),
        ann("苏联", "ACTOR", "zh", "Q15180", actor="ussr", type="state"),
        ann("The United States", "ACTOR", "en", "Q30", actor="usa", type="state"),
        ann("rising Soviet threat", "THREAT", "en", source="Q15180", direction="rising", intensity="high"),
        ann("𠮷", "EVENT", "zh", event="astral-test"),
    ]
    return doc, anns


@functools.cache
def synthetic_store() -> Path:
    store_dir = _scratch("foedus-api-synthetic-")
    doc, anns = synthetic_document()
    build_dir = new_build(store_dir)
    store = backend("oxigraph")(build_dir / "graph")
    store.replace_graph(iris.document_graph(doc.id), to_rdf.document_graph(doc, anns))
    store.close()
    write_snapshot(build_dir, [(doc, anns)])
    commit_build(store_dir, build_dir)
    return store_dir


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_server(store_dir: Path, *, query_timeout: float = 2.0, result_limit: int = 1000) -> Iterator[str]:
    """`foedus.api.server.serve` in a subprocess on 127.0.0.1; yields its base URL."""
    port = free_port()
    code = (
        "import sys; from pathlib import Path; from foedus.api.server import serve; "
        "serve(Path(sys.argv[1]), '127.0.0.1', int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]))"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(store_dir), str(port), str(query_timeout), str(result_limit)]
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"the API server exited with {proc.returncode}")
            try:
                if httpx.get(base + "/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the API server did not answer /health within 30 s")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


REPO = Path(__file__).resolve().parent.parent


def foedus(
    *args: str, store: Path | None = None, cwd: Path | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    """`python -m foedus ARGS [--store STORE]` in a subprocess (from the repository root by default)."""
    cmd = [sys.executable, "-m", "foedus", *args]
    if store is not None:
        cmd += ["--store", str(store)]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd or REPO, env=env or os.environ.copy())


def as_json(proc: subprocess.CompletedProcess) -> object:
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)
