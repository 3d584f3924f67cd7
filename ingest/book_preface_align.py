"""Align the paragraphs of the zh and en prefaces by the content cues they share.

The two prefaces are not translations of each other, so no length-based sentence
aligner applies.  Each paragraph gets the set of bilingual content cues
(`preface_cues` in book_lexicon.toml) it mentions; a pair scores the cosine of the two
cue sets; an order-preserving dynamic programme picks pairs scoring at least
`MIN_SCORE`, each paragraph used at most once.  Paragraphs with no counterpart stay unaligned.
"""

from __future__ import annotations

import math
import re
from functools import cache

from foedus.ingest.book_lexicon import lexicon

MIN_SCORE = 0.5


@cache
def _cues() -> list[tuple[str, re.Pattern[str], re.Pattern[str]]]:
    return [(c["name"], re.compile(c["zh"]), re.compile(c["en"])) for c in lexicon()["preface_cues"]]


def cues_in(text: str, lang: str) -> set[str]:
    return {name for name, zh, en in _cues() if (zh if lang == "zh" else en).search(text)}


def cue_score(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def align_paragraphs(
    zh: list[str], en: list[str], min_score: float = MIN_SCORE
) -> list[tuple[int, int, float]]:
    """Monotonic one-to-one pairs (i, j, score) maximising the total cue score."""
    zc = [cues_in(t, "zh") for t in zh]
    ec = [cues_in(t, "en") for t in en]
    n, m = len(zh), len(en)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            s = cue_score(zc[i], ec[j])
            take = s + best[i + 1][j + 1] if s >= min_score else -1.0
            best[i][j] = max(best[i + 1][j], best[i][j + 1], take)
    pairs: list[tuple[int, int, float]] = []
    i = j = 0
    while i < n and j < m:
        s = cue_score(zc[i], ec[j])
        if s >= min_score and math.isclose(best[i][j], s + best[i + 1][j + 1]):
            pairs.append((i, j, round(s, 3)))
            i, j = i + 1, j + 1
        elif math.isclose(best[i][j], best[i + 1][j]):
            i += 1
        else:
            j += 1
    return pairs
