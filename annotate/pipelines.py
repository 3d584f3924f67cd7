"""Build the zh and en annotation pipelines from en.cfg / zh.cfg (or on top of an installed spaCy model)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import jieba
import spacy
from spacy.language import Language
from spacy.util import load_config, load_model_from_config

# Importing the component modules registers their factories.
from foedus.annotate import actors, claims, dates, deontic, events, modality, sentences, threats  # noqa: F401
from foedus.annotate.gazetteer import Gazetteer
from foedus.annotate.resources import PACKAGE_DIR, load_toml
from foedus.errors import AnnotateError

LANGS = ("en", "zh")
_CACHE: dict[str | None, Pipelines] = {}
_LOCK = threading.Lock()


@dataclass
class Pipelines:
    """One spaCy pipeline per language."""

    en: Language
    zh: Language

    def for_lang(self, lang: str) -> Language | None:
        return {"en": self.en, "zh": self.zh}.get(lang)


def config_path(lang: str) -> Path:
    return PACKAGE_DIR / f"{lang}.cfg"


def jieba_words() -> list[str]:
    """Every zh gazetteer name and event name: jieba must keep each one a single token."""
    gazetteer = Gazetteer.load()
    events_data = load_toml("events.toml")
    return sorted(set(gazetteer.zh_names()) | set(events.event_names(events_data, "zh")))


def load_jieba_dictionary() -> int:
    """(Re)load the names into jieba's global dictionary; spaCy does not save it with a pipeline."""
    words = jieba_words()
    for word in words:
        jieba.add_word(word, freq=max(jieba.get_FREQ(word) or 0, 2000))
    return len(words)


def build_blank(lang: str) -> Language:
    """A pipeline built exactly from its config file."""
    path = config_path(lang)
    try:
        config = load_config(path)
    except Exception as exc:  # confection raises several error types for a bad file
        raise AnnotateError(f"{path}: cannot read pipeline config ({exc})") from exc
    return load_model_from_config(config, auto_fill=True, validate=True)


def build_on_model(model: str, lang: str) -> Language:
    """An installed (or saved-to-disk) spaCy pipeline with the foedus components of `lang` added."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise AnnotateError(
            f"--model {model}: no installed spaCy pipeline or directory of that name ({exc})"
        ) from exc
    if nlp.lang != lang:
        raise AnnotateError(f"--model {model}: pipeline language is {nlp.lang!r}, expected {lang!r}")
    config = load_config(config_path(lang))
    has_sentences = any(name in nlp.pipe_names for name in ("parser", "senter", "sentencizer"))
    for name in config["nlp"]["pipeline"]:
        if name == "foedus_sentences" and has_sentences:
            continue
        if name in nlp.pipe_names:
            continue
        settings = dict(config["components"][name])
        factory = settings.pop("factory")
        nlp.add_pipe(factory, name=name, config=settings)
    return nlp


def model_lang(model: str) -> str:
    """The language of an installed model or saved pipeline directory, read from its config."""
    path = Path(model)
    if path.is_dir() and (path / "config.cfg").is_file():
        return load_config(path / "config.cfg")["nlp"]["lang"]
    return spacy.load(model).lang


def load_pipelines(model: str | None = None) -> Pipelines:
    """Both pipelines, cached per `model`; `model` (name or path) replaces the blank base of its language."""
    with _LOCK:
        if model in _CACHE:
            return _CACHE[model]
        load_jieba_dictionary()
        base_lang = model_lang(model) if model else None
        if base_lang is not None and base_lang not in LANGS:
            raise AnnotateError(f"--model {model}: language {base_lang!r} is not one of {LANGS}")
        built = {
            lang: build_on_model(model, lang) if model and lang == base_lang else build_blank(lang)
            for lang in LANGS
        }
        pipelines = Pipelines(en=built["en"], zh=built["zh"])
        _CACHE[model] = pipelines
        return pipelines
