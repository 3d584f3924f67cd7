"""The named SPARQL queries a user can run with `foedus query NAME` (ontology/queries/*.rq)."""

from __future__ import annotations

import re
from pathlib import Path

from foedus.errors import QueryError

QUERY_DIR = Path(__file__).resolve().parent / "ontology" / "queries"
_NAME = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")


def _summary(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            return line.lstrip("# ").strip()
    return ""


def list_queries() -> list[tuple[str, str]]:
    """(name, first comment line) of every top-level .rq file that is a read query."""
    found = []
    for path in sorted(QUERY_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        if re.search(r"^\s*(INSERT|DELETE)\b", text, re.M | re.I):
            continue  # derivation steps are run by `foedus build`, not by `foedus query`
        found.append((path.stem, _summary(path)))
    return found


def load_query(name: str) -> str:
    if not _NAME.match(name):
        raise QueryError(f"query name {name!r}: use letters, digits, '-' and '_' only")
    path = QUERY_DIR / f"{name}.rq"
    if not path.is_file():
        known = ", ".join(n for n, _ in list_queries())
        raise QueryError(f"no query named {name!r}; known: {known}")
    return path.read_text(encoding="utf-8")
