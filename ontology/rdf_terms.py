"""Small helpers shared by the RDF mapping modules: prefixes, language tags, literals."""

from __future__ import annotations

from rdflib import XSD, Graph, Literal
from rdflib.namespace import DCTERMS, OWL, SKOS

from foedus.ontology.dates import interval
from foedus.ontology.iris import PREFIXES

# The corpus says `zh` for its (simplified) Chinese; the graph tags it as BCP 47 zh-Hans.
_LANG_TAGS = {"zh": "zh-Hans", "zh-hans": "zh-Hans", "zh-Hans": "zh-Hans", "zh-hant": "zh-Hant", "en": "en"}


def bind_prefixes(g: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    g.bind("dcterms", DCTERMS)
    g.bind("skos", SKOS)
    g.bind("owl", OWL)
    return g


def lang_tag(lang: str | None) -> str | None:
    """The BCP 47 tag for a corpus language code; None for `und` and unknown values."""
    if not lang or lang == "und":
        return None
    return _LANG_TAGS.get(lang, lang)


def text(value: str, lang: str | None = None) -> Literal:
    tag = lang_tag(lang)
    return Literal(value, lang=tag) if tag else Literal(value)


def date_literal(value: object) -> Literal:
    """An ISO day as `xsd:date`, a month as `xsd:gYearMonth`, a year as `xsd:gYear`, else a string."""
    s = str(value).strip()
    if interval(s) is None:
        return Literal(s)
    if len(s) == 10:
        return Literal(s, datatype=XSD.date)
    if len(s) == 7:
        return Literal(s, datatype=XSD.gYearMonth)
    return Literal(s, datatype=XSD.gYear)
