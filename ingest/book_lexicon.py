"""Load the book ingester's word lists (`book_lexicon.toml`) once."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from foedus.errors import IngestError

LEXICON_PATH = Path(__file__).with_name("book_lexicon.toml")


@cache
def lexicon() -> dict[str, Any]:
    try:
        return tomllib.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise IngestError(str(LEXICON_PATH), f"book lexicon unreadable ({exc})") from exc


def nospace(text: str) -> str:
    """Text with all whitespace removed, for matching letter-spaced headings and labels."""
    return "".join(text.split())


def region_of(heading: str) -> str | None:
    """Which front-matter region a heading opens (preface_zh, toc_en, cip...), if any."""
    key = nospace(heading).casefold()
    for region, names in lexicon()["regions"].items():
        if any(key == nospace(n).casefold() for n in names):
            return region
    return None


def backmatter_key(title: str, lang: str) -> str | None:
    """'参考文献' / 'References' -> 'references'."""
    key = nospace(title).casefold()
    for name, langs in lexicon()["backmatter"].items():
        if any(key == nospace(n).casefold() for n in langs.get(lang, [])):
            return name
    return None
