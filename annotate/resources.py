"""Load the annotators' data files (TOML under annotate/data) with errors that name the file."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Self

from foedus.errors import AnnotateError
from foedus.tomlfile import read_toml

DATA_DIR = Path(__file__).with_name("data")
PACKAGE_DIR = Path(__file__).parent


def data_file(name: str) -> Path:
    """A data file by name (relative to annotate/data) or by absolute path."""
    path = Path(name)
    return path if path.is_absolute() else DATA_DIR / path


def load_toml(name: str) -> dict[str, Any]:
    return read_toml(data_file(name), AnnotateError, "annotator data file")


def compile_regex(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise AnnotateError(f"{where}: bad regular expression {pattern!r} ({exc})") from exc


def require(record: dict[str, Any], keys: tuple[str, ...], where: str) -> None:
    missing = [k for k in keys if k not in record]
    if missing:
        raise AnnotateError(f"{where}: entry {record.get('id', '?')!r} lacks {', '.join(missing)}")


def write_json(path: Path, data: Any) -> None:
    path.mkdir(parents=True, exist_ok=True)
    (path / "data.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def read_json(path: Path) -> Any:
    try:
        return json.loads((path / "data.json").read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise AnnotateError(f"{path}: saved component has no data.json") from exc


class DataComponent:
    """A pipeline component whose state is `data`, what its data files hold: `nlp.to_disk` saves it as
    data.json, and `from_disk` reads it back and rebuilds the component from it with `_build`."""

    def __init__(self, nlp: Any, name: str, data: Any) -> None:
        self.nlp = nlp
        self.name = name
        self.data = data
        self._build()

    def _build(self) -> None:
        raise NotImplementedError

    def to_disk(self, path: str | Path, *, exclude: Any = ()) -> None:
        write_json(Path(path), self.data)

    def from_disk(self, path: str | Path, *, exclude: Any = ()) -> Self:
        self.data = read_json(Path(path))
        self._build()
        return self
