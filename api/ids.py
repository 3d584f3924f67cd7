"""Validated path and query parameters: ids follow one strict pattern."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path as PathParam
from fastapi import Query

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._\-]{0,127}$"
ID_RULE = "letters, digits, '.', '_' or '-', starting with a letter or digit, at most 128 characters"

ActorId = Annotated[str, PathParam(pattern=ID_PATTERN, description=f"actor id (e.g. Q30); {ID_RULE}")]
TreatyId = Annotated[
    str, PathParam(pattern=ID_PATTERN, description=f"treaty work id (e.g. nato-1949); {ID_RULE}")
]
CaseId = Annotated[str, PathParam(pattern=ID_PATTERN, description=f"case id; {ID_RULE}")]
DocumentId = Annotated[
    str, PathParam(pattern=ID_PATTERN, description=f"document id (e.g. nato-1949.en); {ID_RULE}")
]
SearchText = Annotated[
    str | None,
    Query(min_length=1, max_length=100, description="zh or en label or alias (prefix, then fuzzy)"),
]
