"""What an export or an import did: files written, counts, warnings."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class ExportReport:
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

    def to_json(self) -> dict[str, object]:
        return {
            "format": self.format,
            "out_dir": str(self.out_dir),
            "documents": self.documents,
            "annotations": self.annotations,
            "files": self.files,
            "outputs": [str(p) for p in self.outputs],
            "counts": dict(self.counts),
            "warnings": self.warnings,
            "seconds": round(self.seconds, 3),
        }


@dataclass
class ImportReport:
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

    def to_json(self) -> dict[str, object]:
        return {
            "format": self.format,
            "source": str(self.source),
            "documents": self.documents,
            "added": self.added,
            "changed": self.changed,
            "deleted": self.deleted,
            "unchanged": self.unchanged,
            "written": None if self.written is None else str(self.written),
            "activity": self.activity,
        }
