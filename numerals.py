"""Numerals in the texts: roman (ARTICLE IV) and Chinese (第十一条, 二十, 一九五〇年), both ways.

Shared by the ingesters (article and chapter numbers) and the annotators (dates), so each
stage reads numbers the same way.
"""

from __future__ import annotations

_ROMAN_VALUES = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]
_ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_CN_DIGITS.update({"六": 6, "七": 7, "八": 8, "九": 9})
_CN_UNITS = {"十": 10, "百": 100}
_CN_BY_VALUE = "零一二三四五六七八九"


def int_to_roman(n: int) -> str:
    if not 0 < n < 4000:
        raise ValueError(f"roman numerals cover 1..3999, not {n}")
    out = []
    for value, symbol in _ROMAN_VALUES:
        count, n = divmod(n, value)
        out.append(symbol * count)
    return "".join(out)


def roman_to_int(text: str) -> int | None:
    """The value of a canonical roman numeral (any case), or None when `text` is not one."""
    upper = text.upper()
    if not upper or any(c not in _ROMAN_DIGITS for c in upper):
        return None
    total = 0
    for i, c in enumerate(upper):
        value = _ROMAN_DIGITS[c]
        nxt = _ROMAN_DIGITS[upper[i + 1]] if i + 1 < len(upper) else 0
        total += -value if value < nxt else value
    # Only canonical spellings count (rejects "IIII", "VX", "MIX" as a word...).
    return total if 0 < total < 4000 and int_to_roman(total) == upper else None


def int_to_chinese(n: int) -> str:
    """1..999 as a Chinese numeral the way article headings write them (十一, 二十, 一百零五)."""
    if not 0 < n < 1000:
        raise ValueError(f"Chinese article numerals cover 1..999, not {n}")
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += _CN_BY_VALUE[hundreds] + "百"
        if rest and tens == 0:
            out += "零"
    if tens:
        out += ("" if tens == 1 and not hundreds else _CN_BY_VALUE[tens]) + "十"
    if ones:
        out += _CN_BY_VALUE[ones]
    return out


def chinese_to_int(text: str) -> int | None:
    """The value of a Chinese numeral such as 五, 十一, 二十三, 一百零五 (or arabic digits), else None."""
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    total, digit, last_unit = 0, None, 10_000
    for c in text:
        if c in _CN_DIGITS:
            if digit:
                return None  # two digits in a row ("二三") is not a numeral
            digit = _CN_DIGITS[c]
        elif c in _CN_UNITS:
            unit = _CN_UNITS[c]
            if unit >= last_unit or digit == 0:
                return None  # units must descend: 十百 and 零十 are not numerals
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
        else:
            return None
    if digit:
        total += digit
    return total or None


def chinese_digits_to_int(text: str) -> int | None:
    """A number written digit by digit, as years are: 一九五〇 -> 1950; None if not all digits."""
    if not text or any(c not in _CN_DIGITS for c in text):
        return None
    value = 0
    for c in text:
        value = value * 10 + _CN_DIGITS[c]
    return value
