"""Typed errors with messages a user can act on.

Every error that concerns a file or a parameter names it, so a one-line report
(`str(err)`) tells the user what to fix.
"""

from __future__ import annotations


class FoedusError(Exception):
    """Base class for every error foedus raises on purpose."""


class CorpusError(FoedusError):
    """The corpus root or catalogue cannot be found or read."""


class DocumentError(FoedusError):
    """One catalogued document cannot be used (missing, wrong checksum, unreadable)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class IngestError(DocumentError):
    """A document's bytes could not be turned into the document model."""


class AnnotateError(FoedusError):
    """An annotator or its data (patterns, gazetteer) is broken."""


class StoreError(FoedusError):
    """The graph store cannot be opened, written or swapped."""


class QueryError(FoedusError):
    """A SPARQL query is unknown, malformed, refused or failed."""


class ValidationError(FoedusError):
    """The graph violates the SHACL shapes."""
