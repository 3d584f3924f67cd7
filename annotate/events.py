"""`foedus_events`: named events (data/events.toml) -> EVENT with id, ISO start/end and QID."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from foedus.annotate.found import Found, add_found, text_of
from foedus.annotate.prefilter import CueFilter
from foedus.annotate.resources import DataComponent, load_toml, require
from foedus.model import Label

VERSION = "foedus.events/1.0"


def event_names(data: dict[str, Any], lang: str) -> list[str]:
    """Every name of every event in `lang` (for jieba's user dictionary)."""
    return [n for ev in data.get("event", []) for key in (lang, f"{lang}_after") for n in ev.get(key, [])]


class EventTagger(DataComponent):
    def _build(self) -> None:
        lang = self.nlp.lang
        names: list[tuple[str, dict[str, Any], bool]] = []
        for ev in self.data.get("event", []):
            require(ev, ("id", "start", "end"), "events.toml")
            names += [(n, ev, False) for n in ev.get(lang, [])]
            names += [(n, ev, True) for n in ev.get(f"{lang}_after", [])]
        names.sort(key=lambda t: -len(t[0]))
        self.lookup = {n.lower(): (ev, after) for n, ev, after in names}
        flags = re.IGNORECASE if lang == "en" else 0
        alternation = "|".join(re.escape(n) for n, _, _ in names)
        boundary = r"\b" if lang == "en" else ""
        self.regex = re.compile(f"{boundary}(?:{alternation}){boundary}", flags) if names else None
        # The names are literal: only the sentences holding one are scanned by the regex.
        self.prefilter = CueFilter([n for n, _, _ in names], lang == "en", "events.toml") if names else None

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        if self.regex is None:
            return doc
        if self.prefilter is None:
            add_found(doc, self.match(text))
        else:  # every match starts with a name, i.e. at a cue
            add_found(doc, self.found(self.prefilter.sentence_matches(doc, self.regex)))
        return doc

    def match(self, text: str, start: int = 0, end: int | None = None) -> list[Found]:
        """The event names in text[start:end] (offsets into `text`)."""
        if self.regex is None:
            return []
        return self.found(self.regex.finditer(text, start, len(text) if end is None else end))

    def found(self, matches: Iterable[re.Match[str]]) -> list[Found]:
        out = []
        for m in matches:
            ev, after = self.lookup[m.group(0).lower()]
            attrs = {"event": ev["id"], "start": ev["start"], "end": ev["end"]}
            if after:
                attrs["relation"] = "after"
            rule = f"{self.nlp.lang}.event.{'after' if after else 'name'}"
            out.append(Found(m.start(), m.end(), Label.EVENT, rule, VERSION, ev.get("qid"), attrs, 0.9))
        return out


@Language.factory("foedus_events", default_config={"events": "events.toml"})
def make_event_tagger(nlp: Language, name: str, events: str) -> EventTagger:
    return EventTagger(nlp, name, load_toml(events))
