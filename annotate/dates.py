"""`foedus_dates`: date expressions (data/dates.toml) -> DATE with ISO value, start, end, precision."""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from collections.abc import Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from foedus.annotate.found import Found, add_found, lowered, text_of
from foedus.annotate.prefilter import FOLD_ODDITIES, CueFilter
from foedus.annotate.resources import DataComponent, compile_regex, load_toml, require
from foedus.errors import AnnotateError
from foedus.model import Label
from foedus.numerals import chinese_digits_to_int, chinese_to_int

VERSION = "foedus.dates/1.0"
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
ORDINALS = {
    w: i + 1
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
        "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split()
    )
}
ORDINALS.update({"thirtieth": 30})


def cn_number(text: str) -> int:
    """一九五○ -> 1950 (digit by digit, as years are written); 十四 -> 14; 二十 -> 20."""
    value = chinese_digits_to_int(text) if "十" not in text else chinese_to_int(text)
    if value is None:
        raise ValueError(f"not a Chinese numeral: {text!r}")
    return value


def ordinal_day(word: str) -> int:
    word = word.lower()
    if word.startswith(("twenty-", "thirty-")):
        head, _, tail = word.partition("-")
        return (20 if head == "twenty" else 30) + ORDINALS[tail]
    return ORDINALS[word]


def date_attributes(groups: dict[str, str | None], precision: str) -> dict[str, Any]:
    """ISO value/start/end/precision from the named groups of a date pattern."""
    y = int(groups["y"]) if groups.get("y") else cn_number(groups["yc"] or "")
    if groups.get("mon"):
        m = MONTHS[groups["mon"].lower()]
    elif groups.get("mc"):
        m = cn_number(groups["mc"])
    else:
        m = int(groups["m"]) if groups.get("m") else None
    if groups.get("dw"):
        d = ordinal_day(groups["dw"])
    elif groups.get("dc"):
        d = cn_number(groups["dc"])
    else:
        d = int(groups["d"]) if groups.get("d") else None
    if precision == "day" and d is None:
        precision = "month"
    if precision == "day":
        iso = f"{y:04d}-{m:02d}-{d:02d}"
        return _dated(iso, iso, iso, "day")
    if precision == "month":
        month = f"{y:04d}-{m:02d}"
        return _dated(month, f"{month}-01", f"{month}-{calendar.monthrange(y, m)[1]}", "month")
    if precision == "decade":
        return _dated(f"{y // 10 * 10}s", f"{y:04d}-01-01", f"{y + 9:04d}-12-31", "decade")
    if precision == "interval":
        y2 = int(groups["y2"])
        return _dated(f"{y}/{y2}", f"{y:04d}-01-01", f"{y2:04d}-12-31", "year")
    part = groups.get("part")
    start, end = f"{y:04d}-01-01", f"{y:04d}-12-31"
    if part == "底" or part == "末":
        start = f"{y:04d}-10-01"
    elif part == "初":
        end = f"{y:04d}-03-31"
    return _dated(str(y), start, end, "year")


def _dated(value: str, start: str, end: str, precision: str) -> dict[str, Any]:
    return {"value": value, "start": start, "end": end, "precision": precision}


class DateTagger(DataComponent):
    def _build(self) -> None:
        settings = self.data.get("settings", {})
        self.literal_sets = _literal_sets(settings.get("literals", {}))
        self.patterns = []
        for rec in self.data.get("pattern", []):
            require(rec, ("id", "lang", "precision", "regex"), "dates.toml")
            if rec["lang"] != self.nlp.lang:
                continue
            needs = rec.get("literals", [])
            needs = tuple([needs] if isinstance(needs, str) else needs)
            unknown = [n for n in needs if n not in self.literal_sets]
            if unknown:
                raise AnnotateError(f"dates.toml pattern {rec['id']}: unknown literals sets {unknown}")
            anchored = rec.get("anchored", False)
            if anchored is not False and (anchored is not True or not needs):
                raise AnnotateError(
                    f"dates.toml pattern {rec['id']}: anchored must be true or false, with literals"
                )
            regex = compile_regex(rec["regex"], "dates.toml")
            self.patterns.append((rec["id"], rec["precision"], regex, needs, anchored))
        cues = settings.get("prefilter", {}).get(self.nlp.lang)
        self.prefilter = (
            CueFilter(cues, fold=False, where="dates.toml [settings] prefilter") if cues else None
        )
        self.needed = sorted({name for _, _, _, needs, _ in self.patterns for name in needs})
        self.use_literals = True
        # dates of a document's own later history: `history: true`, never an anchor for THREAT/CLAIM
        self.history: list[tuple[re.Pattern[str] | None, ...]] = []
        for rec in self.data.get("history", []):
            require(rec, ("id", "lang"), "dates.toml [history]")
            if rec["lang"] != self.nlp.lang:
                continue
            if not ("before" in rec or "after" in rec):
                raise AnnotateError(f"dates.toml history {rec['id']}: needs a before or an after regex")
            where = f"dates.toml history {rec['id']}"
            sides = ("before", "after")
            self.history.append(tuple(compile_regex(rec[s], where) if s in rec else None for s in sides))

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        windows = self.prefilter.windows(doc) if self.prefilter else [(0, len(text))]
        if not windows:
            return doc
        low = self.literal_text(doc) if self.use_literals else None
        found = []
        for s, e in windows:
            held = self.literal_spans(low, s, e) if low is not None else None
            found += self.match(text, s, e, held)
        for f in found:
            if self.is_history(text, f):
                f.attributes["history"] = True
        add_found(doc, found)
        return doc

    def literal_text(self, doc: Doc) -> str | None:
        """The lower-cased text the literal words are looked up in; None when they cannot be found
        exactly there (lower-casing changes the length, or the text holds one of FOLD_ODDITIES)."""
        if not self.needed:
            return None
        text = text_of(doc)
        if not text.isascii() and any(c in text for c in FOLD_ODDITIES):
            return None
        return lowered(doc)

    def literal_spans(self, low: str, start: int, end: int) -> dict[str, list[tuple[int, int]]]:
        """Per literal set, where its words occur in low[start:end] (sorted spans, offsets into `low`)."""
        part = low[start:end]
        out = {}
        for name in self.needed:
            spans = []
            for word in self.literal_sets[name]:
                pos = part.find(word)
                while pos >= 0:
                    spans.append((start + pos, start + pos + len(word)))
                    pos = part.find(word, pos + 1)
            out[name] = sorted(spans)
        return out

    def is_history(self, text: str, found: Found) -> bool:
        """Whether the words around the date make it a date of the document's own history (declassified
        until 1975, 1975年才解密): they are searched in the 40 characters before and after."""
        for before, after in self.history:
            if before is not None and before.search(text, max(0, found.start - 40), found.start):
                return True
            if after is not None and after.match(text, found.end, found.end + 40):
                return True
        return False

    def match(
        self,
        text: str,
        start: int = 0,
        end: int | None = None,
        held: dict[str, list[tuple[int, int]]] | None = None,
    ) -> list[Found]:
        """The dates in text[start:end] (offsets into `text`); earlier patterns win over overlapping ones.
        `held` (from `literal_spans`) lets a pattern skip a window holding none of its literals."""
        end = len(text) if end is None else end
        taken: list[tuple[int, int]] = []
        out = []
        for rule, precision, regex, needs, anchored in self.patterns:
            if held is None or not needs:
                matches = regex.finditer(text, start, end)
            elif not all(_holds(held[name], start, end) for name in needs):
                continue
            elif anchored:  # every match starts at a literal of the first set
                matches = _anchored_matches(regex, text, held[needs[0]], start, end)
            else:
                matches = regex.finditer(text, start, end)
            for m in matches:
                s, e = m.span()
                if any(s < te and ts < e for ts, te in taken):
                    continue
                try:
                    attrs = date_attributes(m.groupdict(), precision)
                except (KeyError, ValueError):
                    continue  # e.g. 2月30日: not a date
                taken.append((s, e))
                out.append(Found(s, e, Label.DATE, rule, VERSION, None, attrs, 0.95))
        return sorted(out, key=lambda f: f.start)


def _literal_sets(data: Any) -> dict[str, list[str]]:
    if not isinstance(data, dict):
        raise AnnotateError("dates.toml [settings.literals]: a table of named lists of words is needed")
    sets = {}
    for name, words in data.items():
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
            raise AnnotateError(f"dates.toml [settings.literals] {name}: a list of non-empty words is needed")
        if any(w != w.lower() for w in words):
            raise AnnotateError(f"dates.toml [settings.literals] {name}: words must be lower case")
        sets[name] = list(words)
    return sets


def _holds(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether one of `spans` (sorted) lies within [start, end)."""
    i = bisect_left(spans, (start, start))
    while i < len(spans) and spans[i][0] < end:
        if spans[i][1] <= end:
            return True
        i += 1
    return False


def _anchored_matches(
    regex: re.Pattern[str], text: str, spans: list[tuple[int, int]], start: int, end: int
) -> Iterator[re.Match[str]]:
    """What `regex.finditer(text, start, end)` yields when every match starts at one of `spans` (sorted)."""
    i = bisect_left(spans, (start, start))
    pos = start
    while i < len(spans) and spans[i][0] < end:
        at = spans[i][0]
        i += 1
        if at < pos:
            continue
        m = regex.match(text, at, end)
        if m is not None:
            yield m
            pos = m.end()


@Language.factory("foedus_dates", default_config={"patterns": "dates.toml"})
def make_date_tagger(nlp: Language, name: str, patterns: str) -> DateTagger:
    return DateTagger(nlp, name, load_toml(patterns))
