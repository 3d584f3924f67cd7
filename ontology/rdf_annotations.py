"""Annotations as W3C Web Annotations, with the label's attributes as typed nodes.

Each annotation targets a span of its document through both a TextQuoteSelector
(exact / prefix / suffix) and a TextPositionSelector (start / end in code points).
Its body is a typed node: THREAT → fo:Threat, OBLIGATION / COMMITMENT → fo:Obligation
linked to its treaty article, CLAIM → fo:AuthorClaim, ACTOR → the actor itself.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from foedus.model import Annotation, Document
from foedus.ontology import iris
from foedus.ontology.dates import span
from foedus.ontology.iris import FO, OA, PROV
from foedus.ontology.rdf_corpus import add_article
from foedus.ontology.rdf_terms import date_literal

CONTEXT_CHARS = 32  # length of the prefix / suffix kept in a TextQuoteSelector
# Structure-node types that name "where" a span is (innermost wins).
SECTION_TYPES = {
    "chapter",
    "section",
    "preface",
    "front-matter",
    "article",
    "preamble",
    "understanding",
    "protocol",
    "final-clauses",
    "signatures",
    "div",
    "head",
    "source-note",
    "page",
}


def _actor_iri(key: Any) -> URIRef | None:
    return iris.actor(str(key)) if key else None


def is_curated(ann: Annotation) -> bool:
    """Curated annotations (checked by a person) outrank automatic ones in the derivation."""
    return bool(ann.attributes.get("curated")) or ann.annotator.startswith(("curated", "foedus.curated"))


def _innermost_section(doc: Document, offset: int):
    best = None
    for n in doc.structure:
        if n.type in SECTION_TYPES and n.id and n.start <= offset < n.end:
            if best is None or (n.end - n.start) < (best.end - best.start):
                best = n
    return best


def _add_bounds(g: Graph, node: URIRef, bounds: tuple[dt.date, dt.date] | None) -> None:
    """fo:dateStart / fo:dateEnd: the first and last day a date (or date range) covers."""
    if bounds:
        g.add((node, FO.dateStart, Literal(bounds[0].isoformat(), datatype=XSD.date)))
        g.add((node, FO.dateEnd, Literal(bounds[1].isoformat(), datatype=XSD.date)))


def _add_dates(g: Graph, node: URIRef, attrs: dict[str, Any]) -> None:
    if not attrs.get("date"):
        return
    g.add((node, FO.dateText, Literal(str(attrs["date"]))))
    if attrs.get("date_end"):
        g.add((node, FO.dateEndText, Literal(str(attrs["date_end"]))))
    _add_bounds(g, node, span(attrs["date"], attrs.get("date_end")))
    if attrs.get("date_source"):
        g.add((node, FO.dateSource, Literal(str(attrs["date_source"]))))


def _add_region(g: Graph, node: URIRef, attrs: dict[str, Any]) -> None:
    if attrs.get("region"):
        g.add((node, FO.region, iris.concept("region", str(attrs["region"]))))


def _add_modality(g: Graph, node: URIRef, attrs: dict[str, Any]) -> None:
    if attrs.get("modality"):
        g.add((node, FO.modality, iris.concept("modality", str(attrs["modality"]))))


def _threat(g: Graph, ann: Annotation) -> URIRef:
    attrs = ann.attributes
    node = iris.threat(ann.id)
    g.add((node, RDF.type, FO.Threat))
    for key, prop in (("source", FO.threatSource), ("target", FO.threatTarget)):
        actor = _actor_iri(attrs.get(key))
        if actor is not None:
            g.add((node, prop, actor))
    if attrs.get("direction"):
        g.add((node, FO.direction, iris.concept("direction", str(attrs["direction"]))))
    if attrs.get("intensity"):
        g.add((node, FO.intensity, iris.concept("threat-level", str(attrs["intensity"]))))
    for walt in attrs.get("walt") or []:
        g.add((node, FO.waltSource, iris.concept("walt", str(walt))))
    cue = attrs.get("cue")
    for c in cue if isinstance(cue, list) else [cue] if cue else []:
        g.add((node, FO.cue, Literal(str(c))))
    _add_region(g, node, attrs)
    _add_modality(g, node, attrs)
    _add_dates(g, node, attrs)
    return node


def _obligation(g: Graph, doc: Document, ann: Annotation) -> URIRef:
    attrs = ann.attributes
    node = iris.obligation(ann.id)
    g.add((node, RDF.type, FO.Obligation))
    if ann.label == "COMMITMENT":
        g.add((node, RDF.type, FO.Commitment))
    kind = attrs.get("type") or ("other" if ann.label == "COMMITMENT" else None)
    if kind:
        g.add((node, FO.obligationType, iris.concept("obligation-type", str(kind))))
    if attrs.get("subtype"):
        g.add((node, FO.subtype, Literal(str(attrs["subtype"]))))
    if attrs.get("strength"):
        g.add((node, FO.strength, iris.concept("strength", str(attrs["strength"]))))
    if attrs.get("modal"):
        g.add((node, FO.modal, Literal(str(attrs["modal"]))))
    if attrs.get("polarity"):
        g.add((node, FO.polarity, iris.concept("polarity", str(attrs["polarity"]))))
    for cue in attrs.get("strength_cues") or []:
        g.add((node, FO.strengthCue, Literal(str(cue))))
    for i, cond in enumerate(attrs.get("conditions") or []):
        c = URIRef(f"{node}/condition/{i + 1}")
        g.add((node, FO.condition, c))
        g.add((c, RDF.type, FO.Condition))
        if isinstance(cond, dict):
            if cond.get("kind"):
                g.add((c, FO.conditionKind, iris.concept("condition", str(cond["kind"]))))
            if cond.get("text"):
                g.add((c, RDF.value, Literal(str(cond["text"]))))
        else:
            g.add((c, RDF.value, Literal(str(cond))))
    for party in attrs.get("parties") or []:
        g.add((node, FO.bindsParty, iris.actor(str(party))))
    work = attrs.get("treaty") or doc.metadata.get("work")
    number = attrs.get("article")
    if number is None:
        art = doc.enclosing(ann.start, "article")
        number = art.number if art is not None else None
    if work:
        g.add((node, FO.treaty, iris.treaty(str(work))))
        if number is not None:
            g.add((node, FO.article, add_article(g, str(work), str(number))))
    return node


def _claim(g: Graph, ann: Annotation) -> URIRef:
    attrs = ann.attributes
    node = iris.claim(ann.id)
    g.add((node, RDF.type, FO.AuthorClaim))
    if attrs.get("about"):
        g.add((node, FO.about, iris.concept("claim-about", str(attrs["about"]))))
    if attrs.get("value"):
        g.add((node, FO.claimValue, Literal(str(attrs["value"]))))
    if attrs.get("stance"):
        g.add((node, FO.claimStance, Literal(str(attrs["stance"]))))
    subject = _actor_iri(attrs.get("subject"))
    if subject is not None:
        g.add((node, FO.claimSubject, subject))
    _add_region(g, node, attrs)
    _add_modality(g, node, attrs)
    _add_dates(g, node, attrs)
    return node


def _date_or_event(g: Graph, node: URIRef, ann: Annotation) -> None:
    attrs = ann.attributes
    value = attrs.get("value")
    if value:
        g.add((node, FO.dateValue, date_literal(value)))
    if attrs.get("precision"):
        g.add((node, FO.precision, Literal(str(attrs["precision"]))))
    if attrs.get("event"):
        g.add((node, FO.event, iris.concept("event", str(attrs["event"]))))
    _add_bounds(g, node, span(attrs.get("start") or value, attrs.get("end")))


def add_annotation(g: Graph, doc: Document, ann: Annotation) -> URIRef:
    """Add one annotation (target, selectors, provenance, typed body) to `g`."""
    a = iris.annotation(ann.id)
    target = iris.annotation_part(ann.id, "target")
    quote = iris.annotation_part(ann.id, "quote")
    position = iris.annotation_part(ann.id, "position")
    d = iris.document(ann.document)
    g.add((a, RDF.type, OA.Annotation))
    g.add((a, FO.annotationId, Literal(ann.id)))
    g.add((a, FO.label, Literal(ann.label)))
    g.add((a, OA.hasTarget, target))
    g.add((target, RDF.type, OA.SpecificResource))
    g.add((target, OA.hasSource, d))
    g.add((target, OA.hasSelector, quote))
    g.add((target, OA.hasSelector, position))
    g.add((quote, RDF.type, OA.TextQuoteSelector))
    g.add((quote, OA.exact, Literal(ann.text)))
    g.add((quote, OA.prefix, Literal(doc.text[max(0, ann.start - CONTEXT_CHARS) : ann.start])))
    g.add((quote, OA.suffix, Literal(doc.text[ann.end : ann.end + CONTEXT_CHARS])))
    g.add((position, RDF.type, OA.TextPositionSelector))
    g.add((position, OA.start, Literal(ann.start, datatype=XSD.nonNegativeInteger)))
    g.add((position, OA.end, Literal(ann.end, datatype=XSD.nonNegativeInteger)))
    g.add((a, FO.confidence, Literal(str(round(float(ann.confidence), 6)), datatype=XSD.decimal)))
    g.add((a, FO.curated, Literal(is_curated(ann))))
    if ann.rule:
        g.add((a, FO.rule, Literal(ann.rule)))
    if ann.annotator:
        agent, activity = iris.agent(ann.annotator), iris.activity(f"annotate/{ann.annotator}")
        g.add((a, PROV.wasAttributedTo, agent))
        g.add((agent, RDF.type, PROV.SoftwareAgent))
        g.add((a, PROV.wasGeneratedBy, activity))
        g.add((activity, RDF.type, PROV.Activity))
        g.add((activity, PROV.wasAssociatedWith, agent))
    lang = ann.lang or doc.lang_at(ann.start)
    if lang:
        g.add((a, DCTERMS.language, Literal(lang)))
    section = _innermost_section(doc, ann.start)
    if section is not None:
        g.add((a, FO.inSection, iris.structure_node(doc.id, section.id)))
    page = doc.page_at(ann.start)
    if page is not None:
        g.add((a, FO.page, Literal(page, datatype=XSD.integer)))
    if ann.entity:
        g.add((a, FO.entity, iris.wikidata(ann.entity)))

    body: URIRef | None = None
    if ann.label == "THREAT":
        body = _threat(g, ann)
    elif ann.label in ("OBLIGATION", "COMMITMENT"):
        body = _obligation(g, doc, ann)
    elif ann.label == "CLAIM":
        body = _claim(g, ann)
    elif ann.label == "ACTOR":
        key = ann.entity or ann.attributes.get("actor")
        body = _actor_iri(key)
        if body is not None:
            g.add((a, FO.mentions, body))
        for qid in ann.attributes.get("candidates") or []:
            g.add((a, FO.candidate, iris.actor(str(qid))))
    elif ann.label in ("DATE", "EVENT"):
        _date_or_event(g, a, ann)
    if body is not None:
        g.add((a, OA.hasBody, body))
        if ann.label != "ACTOR":
            g.add((body, PROV.wasDerivedFrom, a))
    return a
