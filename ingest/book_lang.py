"""Language segments of a mixed zh/en text by script.

Han characters and CJK punctuation are `zh`; Latin letters are `en`; digits, spaces and
ASCII punctuation take the language of the run before them on the same line (or after,
at a line start).  A line with no letters at all is `und`.  A single Latin word inside
Chinese ("CIP", "NSC48/1") stays `zh`; Latin-letter codes with no English word around
them (an ISBN line, "IV. ① D815.5") are `und`.
"""

from __future__ import annotations

import re

from foedus.model import Segment

_ZH = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_EN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_LINE = re.compile(r"[^\n]*\n*")
# an English word: three or more letters, at least one lower-case (not ISBN, CIP, NSC48, IV, mm)
_PROSE = re.compile(r"(?<![A-Za-z])(?=[A-Za-z]*[a-z])[A-Za-z]{3,}")


def _char_class(ch: str) -> str | None:
    if _ZH.match(ch):
        return "zh"
    if _EN.match(ch):
        return "en"
    return None


def _line_runs(line: str) -> list[list]:
    """[start, end, lang] runs of one line; neutral characters joined to a neighbour."""
    runs: list[list] = []
    for i, ch in enumerate(line):
        lang = _char_class(ch)
        if runs and (lang is None or lang == runs[-1][2] or runs[-1][2] is None):
            runs[-1][1] = i + 1
            if runs[-1][2] is None:
                runs[-1][2] = lang
        else:
            runs.append([i, i + 1, lang])
    if not runs:
        return runs
    # Latin letters that are codes, not English prose, belong to the Chinese around them
    for k, run in enumerate(runs):
        if run[2] == "en" and not _PROSE.search(line[run[0] : run[1]]):
            near = [runs[i][2] for i in (k - 1, k + 1) if 0 <= i < len(runs)]
            run[2] = "zh" if "zh" in near else None
    return [[a, b, lang or "und"] for a, b, lang in runs]


def segment_languages(text: str) -> list[Segment]:
    """Contiguous segments covering the whole text, adjacent segments in different languages."""
    merged: list[list] = []
    for m in _LINE.finditer(text):
        if m.start() == m.end():
            continue
        for a, b, lang in _line_runs(m.group()):
            a, b = a + m.start(), b + m.start()
            if merged and merged[-1][2] == lang:
                merged[-1][1] = b
            else:
                merged.append([a, b, lang])
    return [Segment(a, b, lang) for a, b, lang in merged]


def dominant_lang(text: str) -> str:
    """`zh` when Han characters outnumber a fifth of Latin letters, else `en`; `und` without letters."""
    zh = len(re.findall(r"[\u3400-\u9fff]", text))
    en = len(_EN.findall(text))
    if not zh and not en:
        return "und"
    return "zh" if zh * 5 >= en else "en"
