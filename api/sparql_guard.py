"""Refuse SPARQL Update before it reaches a store: the endpoint is read-only.

A query's first keyword after the prologue (PREFIX/BASE declarations and comments)
must be a query form; an update keyword there is refused with a clear message.
Anything else that is not a query is left to the SPARQL parser to report.
"""

from __future__ import annotations

import re

UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)

_SKIP = re.compile(
    r"""\s+                               # whitespace
      | \#[^\n]*                          # comment
      | PREFIX\s+[^\s:]*:\s*<[^>]*>       # prefix declaration
      | BASE\s+<[^>]*>                    # base declaration
    """,
    re.IGNORECASE | re.VERBOSE,
)
_WORD = re.compile(r"[A-Za-z]+")


def first_keyword(sparql: str) -> str | None:
    """The first keyword after the prologue, upper-cased, or None."""
    pos = 0
    while m := _SKIP.match(sparql, pos):
        pos = m.end()
    word = _WORD.match(sparql, pos)
    return word.group(0).upper() if word else None


def update_keyword(sparql: str) -> str | None:
    """The update operation this text starts with (INSERT, DROP...), or None for a query."""
    word = first_keyword(sparql)
    return word if word in UPDATE_KEYWORDS else None
