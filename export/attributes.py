"""Attribute values as annotation tools can hold them: flat scalars, or a JSON string for the rest."""

from __future__ import annotations

import json
from typing import Any


def is_flat(value: Any) -> bool:
    """A value a brat attribute or a table cell can hold as one token."""
    if isinstance(value, bool):
        return True
    if isinstance(value, int | float):
        return True
    return isinstance(value, str) and value != "" and not any(ch.isspace() for ch in value)


def to_json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def cell(value: Any) -> Any:
    """A table cell: scalars as they are, lists and objects as JSON text."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return to_json_text(value)
