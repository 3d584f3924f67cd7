"""One export run: where the inputs come from (the current build) and where files go."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from foedus.errors import FoedusError
from foedus.model import Annotation, Document
from foedus.store import GraphStore, current_build, open_store
from foedus.store.snapshot import read_snapshot

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


class ExportError(FoedusError):
    """An export could not be written, or its input is missing."""


def file_stem(doc_id: str) -> str:
    """A file name for a document id: safe characters kept, anything else percent-encoded."""
    return _UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), doc_id)


def doc_id_from_stem(stem: str) -> str:
    from urllib.parse import unquote

    return unquote(stem)


@dataclass
class ExportJob:
    """The inputs and output folder of one export."""

    store_dir: Path
    out_dir: Path
    documents: list[str] | None = None

    def iter_documents(self) -> Iterator[tuple[Document, list[Annotation]]]:
        """Stream (document, annotations) from the current build's snapshot, one at a time."""
        wanted = set(self.documents) if self.documents is not None else None
        seen: set[str] = set()
        for doc, anns in read_snapshot(current_build(self.store_dir)):
            if wanted is None or doc.id in wanted:
                seen.add(doc.id)
                yield doc, sorted(anns, key=lambda a: (a.start, -a.end, a.label))
        if wanted is not None and wanted - seen:
            raise ExportError(
                f"--document: not in the current build of {self.store_dir}: {sorted(wanted - seen)}"
            )

    def open_store(self) -> GraphStore:
        return open_store(self.store_dir, read_only=True)

    def path(self, *parts: str) -> Path:
        """A path under the output folder, its parent created."""
        p = self.out_dir.joinpath(*parts)
        p.parent.mkdir(parents=True, exist_ok=True)
        return p


def write_text_atomic(path: Path, text: str) -> None:
    """Write a file so readers never see it half-written."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8", newline="")
    os.replace(tmp, path)
