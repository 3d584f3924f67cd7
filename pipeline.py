"""The build: catalogue → ingest → annotate → graph → derive → validate → swap.

Each document is ingested, annotated and turned into its own named graph on its
own; a document that fails is reported (one line naming the file and the reason)
and the rest of the batch still builds.  Everything is written into a fresh
build directory that replaces the current one only when the build is complete.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from foedus.corpus.catalogue import Catalogue, CatalogueEntry, catalogue_for, checked_path, find_corpus_root
from foedus.errors import FoedusError, ValidationError
from foedus.export.curation import CuratedAnnotation
from foedus.model import Annotation, Document
from foedus.store import abandon_build, backend, commit_build, new_build
from foedus.store.snapshot import write_snapshot

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class DocumentFailure:
    document: str
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class BuildSummary:
    """What a build did; `to_json()` is the `foedus build --format json` contract."""

    corpus: str
    catalogue: str
    store: str
    build: str
    documents: int = 0
    failures: list[DocumentFailure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    annotations: dict[str, dict[str, int]] = field(default_factory=dict)  # label -> lang -> count
    triples: int = 0
    cases: int = 0
    violations: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "corpus": self.corpus,
            "catalogue": self.catalogue,
            "store": self.store,
            "build": self.build,
            "documents": self.documents,
            "failed": [{"document": f.document, "path": f.path, "reason": f.reason} for f in self.failures],
            "warnings": self.warnings,
            "annotations": self.annotations,
            "triples": self.triples,
            "cases": self.cases,
            "violations": self.violations,
            "seconds": self.seconds,
        }


def _noop(stage: str, done: int, total: int) -> None:
    return None


def ingest_catalogue(
    root: Path, catalogue: Catalogue, progress: Progress = _noop
) -> tuple[list[tuple[CatalogueEntry, Document]], list[DocumentFailure]]:
    """Ingest every catalogued document; failures are collected, not raised."""
    from foedus.ingest import ingest

    done: list[tuple[CatalogueEntry, Document]] = []
    failures: list[DocumentFailure] = []
    for i, entry in enumerate(catalogue.entries):
        path = root / entry.path
        try:
            path = checked_path(root, entry)
            doc = ingest(path, entry)
        except FoedusError as exc:
            reason = getattr(exc, "reason", None) or str(exc)
            failures.append(DocumentFailure(entry.id, str(path), reason))
        except Exception as exc:  # an ingester bug must not take the batch down
            failures.append(
                DocumentFailure(entry.id, str(path), f"ingester crashed: {type(exc).__name__}: {exc}")
            )
        else:
            done.append((entry, doc))
        progress("ingest", i + 1, len(catalogue.entries))
    _align_translations([d for _, d in done])
    return done, failures


def _align_translations(docs: list[Document]) -> None:
    """Align the zh and en texts of the same treaty article by article."""
    from foedus.ingest.align import align_articles

    by_work: dict[str, dict[str, Document]] = {}
    for doc in docs:
        work = doc.metadata.get("work")
        langs = doc.metadata.get("languages") or []
        if work and len(langs) == 1:
            by_work.setdefault(work, {})[langs[0]] = doc
    for versions in by_work.values():
        if "en" in versions and "zh" in versions:
            versions["en"].alignments.extend(align_articles(versions["en"], versions["zh"]))


def annotate_all(
    docs: list[Document],
    curated: list[CuratedAnnotation],
    model: str | None = None,
    progress: Progress = _noop,
) -> list[list[Annotation]]:
    """Automatic annotations for every document, with the curated corrections applied."""
    from foedus.annotate import annotate_document, load_pipelines
    from foedus.export.curation import apply_curation

    pipelines = load_pipelines(model)
    out = []
    for i, doc in enumerate(docs):
        anns = annotate_document(doc, pipelines)
        out.append(apply_curation(doc, anns, curated))
        progress("annotate", i + 1, len(docs))
    return out


def build(
    store_dir: Path,
    corpus: str | Path | None = None,
    catalogue_path: str | Path | None = None,
    parameters: dict[str, float] | None = None,
    model: str | None = None,
    validate: bool = True,
    progress: Progress = _noop,
) -> BuildSummary:
    """Build the knowledge graph of a corpus into `store_dir` and swap it in."""
    from foedus.corpus.cases import cases_for
    from foedus.export.curation import curated_graph, load_curated
    from foedus.ontology import derive as derive_mod
    from foedus.ontology import iris, to_rdf
    from foedus.ontology.validate import validate as run_validation

    t0 = time.perf_counter()
    root = find_corpus_root(corpus)
    catalogue = catalogue_for(root, catalogue_path)
    cases = cases_for(root)
    store_dir.mkdir(parents=True, exist_ok=True)
    build_dir = new_build(store_dir)
    summary = BuildSummary(str(root), str(catalogue.source), str(store_dir), build_dir.name)
    store = backend("oxigraph")(build_dir / "graph")
    committed = False
    try:
        ingested, summary.failures = ingest_catalogue(root, catalogue, progress)
        summary.seconds["ingest"] = round(time.perf_counter() - t0, 2)
        docs = [d for _, d in ingested]
        t1 = time.perf_counter()
        curated = load_curated(store_dir)
        annotations = annotate_all(docs, curated, model, progress)
        summary.seconds["annotate"] = round(time.perf_counter() - t1, 2)

        t2 = time.perf_counter()
        counts: dict[str, Counter[str]] = {}
        kept: list[tuple[Document, list[Annotation]]] = []
        for i, (doc, anns) in enumerate(zip(docs, annotations, strict=True)):
            try:
                graph = to_rdf.document_graph(doc, anns)
            except Exception as exc:  # a mapping bug in one document must not lose the others
                entry = catalogue.get(doc.id)
                summary.failures.append(
                    DocumentFailure(doc.id, str(root / entry.path), f"graph mapping failed: {exc}")
                )
                continue
            store.replace_graph(iris.document_graph(doc.id), graph)
            kept.append((doc, anns))
            summary.warnings.extend(f"{doc.id}: {w}" for w in doc.warnings)
            for a in anns:
                counts.setdefault(a.label, Counter())[a.lang or doc.lang_at(a.start) or "und"] += 1
            progress("graph", i + 1, len(docs))
        summary.documents = len(kept)
        summary.annotations = {label: dict(c) for label, c in sorted(counts.items())}
        store.replace_graph(iris.CORPUS_GRAPH, to_rdf.corpus_graph(catalogue, cases))
        store.replace_graph(iris.CURATED_GRAPH, curated_graph(curated))
        summary.seconds["graph"] = round(time.perf_counter() - t2, 2)

        t3 = time.perf_counter()
        report = derive_mod.derive(store, parameters)
        summary.cases = len(report.levels)
        summary.seconds["derive"] = round(time.perf_counter() - t3, 2)

        if validate:
            t4 = time.perf_counter()
            result = run_validation(store)
            summary.violations = len(result.violations)
            summary.seconds["validate"] = round(time.perf_counter() - t4, 2)
            if not result.conforms:
                raise ValidationError(
                    f"the built graph violates {len(result.violations)} SHACL constraint(s); "
                    f"first: {result.violations[0]}"
                )
        summary.triples = store.count()
        write_snapshot(build_dir, kept)
        store.close()
        commit_build(store_dir, build_dir)
        committed = True
    finally:
        if not committed:
            try:
                store.close()
            finally:
                abandon_build(build_dir)
    summary.seconds["total"] = round(time.perf_counter() - t0, 2)
    return summary
