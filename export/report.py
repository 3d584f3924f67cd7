"""What an export or an import did: files written, counts, warnings."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields
from pathlib import Path


def _plain(value: object) -> object:
    """`value` as JSON-ready data: paths as strings, seconds rounded to milliseconds."""
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, dict):
        return dict(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class _Report:
    def to_json(self) -> dict[str, object]:
        """The report's fields, in declaration order, as JSON-ready data."""
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]


@dataclass
class ExportReport(_Report):
    """Counts of one export run; `counts` holds format-specific tallies (snapped spans, fragments...)."""

    format: str
    out_dir: Path
    documents: int = 0
    annotations: int = 0
    files: int = 0
    outputs: list[Path] = field(default_factory=list)  # top-level files and folders written
    counts: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class ImportReport(_Report):
    """What one import of corrections changed, and where the curated records were written."""

    format: str
    source: Path
    documents: int = 0
    added: int = 0
    changed: int = 0
    deleted: int = 0
    unchanged: int = 0
    written: Path | None = None  # the curated file, or None when nothing changed
    activity: str = ""
