"""Article numbers as arabic numeral strings: "V" -> "5", "第十二条" -> "12", "Article 5" -> "5"."""

from __future__ import annotations

import re

ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def roman_to_int(text: str) -> int:
    total = 0
    for i, ch in enumerate(text):
        value = ROMAN[ch]
        total += -value if i + 1 < len(text) and ROMAN[text[i + 1]] > value else value
    return total


def cn_to_int(text: str) -> int:
    if "十" not in text:
        return CN[text]
    tens, _, units = text.partition("十")
    return (CN[tens] if tens else 1) * 10 + (CN[units] if units else 0)


def arabic(number: str | None) -> str | None:
    """The article number as an arabic numeral string, or the input unchanged when not a number."""
    if number is None:
        return None
    text = re.sub(r"(?i)^\s*(?:article|art\.)\s*|[.\s]+$", "", number.strip())
    m = re.fullmatch(r"第?([一二三四五六七八九十]+)条?", text)
    if m:
        return str(cn_to_int(m.group(1)))
    if text.isdigit():
        return str(int(text))
    if re.fullmatch(r"[IVXLC]+", text.upper()):
        return str(roman_to_int(text.upper()))
    return text
