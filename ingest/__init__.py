"""Ingesters: each turns one file format into the document model (`foedus.model.Document`).

An ingester is a function ``ingest(path: Path, entry: CatalogueEntry) -> Document``
registered here under the catalogue's ``format`` name.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from foedus.corpus.catalogue import CatalogueEntry
from foedus.errors import IngestError
from foedus.model import Document

Ingester = Callable[[Path, CatalogueEntry], Document]

# format name -> "module:function", imported on first use so a broken optional
# backend (e.g. PDF) does not stop the others.
REGISTRY: dict[str, str] = {
    "book-text": "foedus.ingest.book:ingest",
    "treaty-text": "foedus.ingest.treaty:ingest",
    "text": "foedus.ingest.plain:ingest",
    "tei": "foedus.ingest.tei:ingest",
    "pdf": "foedus.ingest.pdf:ingest",
}


def ingester_for(format_name: str) -> Ingester:
    try:
        target = REGISTRY[format_name]
    except KeyError:
        raise IngestError(
            format_name, f"no ingester for format {format_name!r}; known: {sorted(REGISTRY)}"
        ) from None
    module, func = target.split(":")
    return getattr(import_module(module), func)


def ingest(path: Path, entry: CatalogueEntry) -> Document:
    """Ingest one catalogued file with the ingester its format names."""
    return ingester_for(entry.format)(path, entry)
