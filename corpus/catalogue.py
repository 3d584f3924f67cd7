"""Load the catalogue and find the corpus root.

The texts never live in the repository.  The corpus root is, in order:
``--corpus DIR``, the ``FOEDUS_CORPUS`` environment variable, or a ``shared``
folder beside the working directory.  A corpus
root that holds its own ``foedus-catalogue.toml`` is built from that catalogue,
so a user's own corpus needs no change to this repository.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from foedus.errors import CorpusError, DocumentError
from foedus.tomlfile import read_toml

PACKAGED_CATALOGUE = Path(__file__).with_name("catalogue.toml")
CORPUS_CATALOGUE_NAME = "foedus-catalogue.toml"
ENV_VAR = "FOEDUS_CORPUS"
KINDS = {"book", "treaty", "draft", "archival", "secondary", "other"}
FORMATS = {"book-text", "treaty-text", "text", "tei", "pdf"}


@dataclass
class CatalogueEntry:
    """One catalogued document (see docs/corpus.md for every field)."""

    id: str
    kind: str
    format: str
    path: str
    languages: list[str]
    title: dict[str, str]
    sha256: str | None = None
    date: str | None = None
    work: str | None = None
    draft_of: str | None = None  # for a draft: the work id of the treaty it is a draft of
    place: str | None = None
    parties: list[str] = field(default_factory=list)
    party_names: list[str] = field(default_factory=list)
    articles_expected: int | None = None
    wikidata: str | None = None
    provenance: dict[str, str] = field(default_factory=dict)


@dataclass
class Catalogue:
    entries: list[CatalogueEntry]
    source: Path  # the catalogue file it was read from

    def get(self, doc_id: str) -> CatalogueEntry:
        for e in self.entries:
            if e.id == doc_id:
                return e
        raise CorpusError(f"document {doc_id!r} is not in the catalogue {self.source}")


def find_corpus_root(option: str | os.PathLike[str] | None = None) -> Path:
    """Resolve the corpus root from the option, the environment, or ``../shared``."""
    if option:
        root = Path(option)
        if not root.is_dir():
            raise CorpusError(f"--corpus {root}: no such directory")
        return root.resolve()
    env = os.environ.get(ENV_VAR)
    if env:
        root = Path(env)
        if not root.is_dir():
            raise CorpusError(f"{ENV_VAR}={env}: no such directory")
        return root.resolve()
    candidate = Path.cwd().parent / "shared"
    if candidate.is_dir():
        return candidate.resolve()
    raise CorpusError(
        "no corpus found: pass --corpus DIR, or set FOEDUS_CORPUS=DIR, "
        "or place the corpus in a 'shared' folder beside the working directory (../shared)"
    )


def _entry(raw: dict[str, Any], where: str) -> CatalogueEntry:
    missing = [k for k in ("id", "kind", "format", "path") if k not in raw]
    if missing:
        raise CorpusError(f"{where}: entry {raw.get('id', '?')!r} lacks {', '.join(missing)}")
    if raw["kind"] not in KINDS:
        raise CorpusError(
            f"{where}: entry {raw['id']!r} has kind {raw['kind']!r}; expected one of {sorted(KINDS)}"
        )
    if raw["format"] not in FORMATS:
        raise CorpusError(
            f"{where}: entry {raw['id']!r} has format {raw['format']!r}; expected one of {sorted(FORMATS)}"
        )
    known = set(CatalogueEntry.__dataclass_fields__)
    unknown = set(raw) - known
    if unknown:
        raise CorpusError(f"{where}: entry {raw['id']!r} has unknown field(s) {sorted(unknown)}")
    data = dict(raw)
    data.setdefault("languages", [])
    data.setdefault("title", {})
    return CatalogueEntry(**data)


def load_catalogue(path: Path) -> Catalogue:
    raw = read_toml(path, CorpusError, "catalogue")
    entries = [_entry(d, str(path)) for d in raw.get("document", [])]
    ids = [e.id for e in entries]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise CorpusError(f"{path}: duplicate document id(s) {dupes}")
    return Catalogue(entries=entries, source=path)


def catalogue_for(root: Path, catalogue: str | os.PathLike[str] | None = None) -> Catalogue:
    """The catalogue to build `root` from: an explicit file, the root's own, else the packaged one."""
    if catalogue:
        return load_catalogue(Path(catalogue))
    own = root / CORPUS_CATALOGUE_NAME
    return load_catalogue(own if own.is_file() else PACKAGED_CATALOGUE)


def checked_path(root: Path, entry: CatalogueEntry) -> Path:
    """The path of a catalogued file, after checking that it exists and matches its sha256.

    The hash is computed in 1 MiB chunks, so a large file is never held in memory here.
    """
    path = root / entry.path
    if not path.is_file():
        raise DocumentError(str(path), "catalogued file is missing")
    if entry.sha256:
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        if digest.hexdigest() != entry.sha256.lower():
            raise DocumentError(
                str(path),
                f"sha256 mismatch: catalogue says {entry.sha256[:12]}…, file is {digest.hexdigest()[:12]}…",
            )
    return path
