"""Article numbers as arabic numeral strings: "V" -> "5", "第十二条" -> "12", "Article 5" -> "5"."""

from __future__ import annotations

import re

from foedus.numerals import chinese_to_int, roman_to_int


def arabic(number: str | None) -> str | None:
    """The article number as an arabic numeral string, or the input unchanged when not a number."""
    if number is None:
        return None
    text = re.sub(r"(?i)^\s*(?:article|art\.)\s*|[.\s]+$", "", number.strip())
    m = re.fullmatch(r"第?([一二三四五六七八九十]+)条?", text)
    if m:
        value = chinese_to_int(m.group(1))
        return str(value) if value is not None else text
    if text.isdigit():
        return str(int(text))
    value = roman_to_int(text)
    if value is not None:
        return str(value)
    return text
