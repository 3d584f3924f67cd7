"""Corpus-level records as RDF: treaties (from the catalogue), actors (from the
gazetteer), cases and proposals (from corpus/cases.toml).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDFS, SKOS

from foedus.corpus.cases import Case, Proposal
from foedus.corpus.catalogue import Catalogue, CatalogueEntry
from foedus.errors import CorpusError
from foedus.ontology import iris
from foedus.ontology.iris import FO, PROV, TIME, WDT
from foedus.ontology.rdf_terms import bind_prefixes, date_literal, text
from foedus.tomlfile import read_toml

DEFAULT_GAZETTEER = Path(__file__).resolve().parent.parent / "annotate" / "data" / "gazetteer.toml"
_ACTOR_TYPES = {
    "state": FO.State,
    "organisation": FO.Organisation,
    "alliance": FO.AllianceOrganisation,
    "person": FO.Person,
    "body": FO.GovernmentBody,
}
_COMPLETENESS_RANK = {"complete": 2, "partial": 1}
_CURATION = iris.activity("curation/cases")


def load_gazetteer(path: Path = DEFAULT_GAZETTEER) -> list[dict[str, Any]]:
    """The `[[actor]]` records of a gazetteer TOML file (format: annotate/data/gazetteer.toml)."""
    return list(read_toml(path, CorpusError, "gazetteer").get("actor", []))


def _actor_key(record: Mapping[str, Any]) -> str:
    return str(record.get("qid") or record["id"])


def _add_actor(g: Graph, record: Mapping[str, Any]) -> URIRef:
    node = iris.actor(_actor_key(record))
    g.add((node, RDF.type, FO.Actor))
    g.add((node, RDF.type, _ACTOR_TYPES.get(str(record.get("type")), FO.Actor)))
    g.add((node, FO.actorId, Literal(str(record["id"]))))
    if record.get("type"):
        g.add((node, FO.actorType, Literal(str(record["type"]))))
    if record.get("qid"):
        g.add((node, OWL.sameAs, iris.wikidata(str(record["qid"]))))
        g.add((node, FO.wikidataId, Literal(str(record["qid"]))))
    for lang in ("zh", "en"):
        names = [str(n) for n in record.get(lang, [])]
        if lang == "en":
            names += [str(n) for n in record.get("en_cased", [])]
        for i, name in enumerate(dict.fromkeys(names)):
            g.add((node, SKOS.prefLabel if i == 0 else SKOS.altLabel, text(name, lang)))
    if record.get("short_zh"):
        g.add((node, SKOS.hiddenLabel, text(str(record["short_zh"]), "zh")))
    valid = record.get("valid")
    if valid:
        g.add((node, FO.validFrom, Literal(str(valid[0]), datatype=XSD.gYear)))
        if int(valid[1]) < 9999:
            g.add((node, FO.validUntil, Literal(str(valid[1]), datatype=XSD.gYear)))
    if record.get("communist"):
        g.add((node, FO.communistBloc, Literal(True)))
    return node


def _add_party(g: Graph, qid: str, name: str | None) -> URIRef:
    """A treaty party the gazetteer may not know: at least its QID and catalogue name."""
    node = iris.actor(qid)
    g.add((node, RDF.type, FO.Actor))
    g.add((node, OWL.sameAs, iris.wikidata(qid)))
    g.add((node, FO.wikidataId, Literal(qid)))
    if name:
        g.add((node, RDFS.label, text(name.split(" (")[0], "en")))
    return node


def _add_document_record(g: Graph, e: CatalogueEntry) -> URIRef:
    d = iris.document(e.id)
    g.add((d, RDF.type, FO.Document))
    g.add((d, FO.documentId, Literal(e.id)))
    g.add((d, FO.kind, Literal(e.kind)))
    for lang, title in sorted(e.title.items()):
        g.add((d, DCTERMS.title, text(title, lang)))
    for lang in e.languages:
        g.add((d, DCTERMS.language, Literal(lang)))
    prov = e.provenance or {}
    if prov.get("source"):
        g.add((d, DCTERMS.source, Literal(prov["source"])))
    if prov.get("licence"):
        g.add((d, DCTERMS.rights, Literal(prov["licence"])))
    if prov.get("completeness"):
        g.add((d, FO.completeness, Literal(prov["completeness"])))
    if e.date:
        g.add((d, DCTERMS.date, date_literal(e.date)))
    if e.work:
        g.add((d, FO.expresses, iris.treaty(e.work)))
    return d


def _add_treaty(g: Graph, work: str, entries: list[CatalogueEntry]) -> URIRef:
    t = iris.treaty(work)
    first = entries[0]
    draft = first.kind == "draft"
    g.add((t, RDF.type, FO.DraftTreaty if draft else FO.Treaty))
    g.add((t, FO.workId, Literal(work)))
    titles: dict[str, str] = {}
    for e in entries:
        for lang, title in e.title.items():
            titles.setdefault(lang, title)
    for lang, title in sorted(titles.items()):
        g.add((t, DCTERMS.title, text(title, lang)))
        g.add((t, SKOS.prefLabel, text(title, lang)))
    if first.date:
        g.add((t, FO.draftDate if draft else FO.signedDate, date_literal(first.date)))
    if first.place:
        g.add((t, FO.place, Literal(first.place)))
    draft_of = next((e.draft_of for e in entries if e.draft_of), None) if draft else None
    if draft_of:
        g.add((t, FO.draftOf, iris.treaty(draft_of)))
    parties: dict[str, str | None] = {}
    for e in entries:
        names = e.party_names
        for i, qid in enumerate(e.parties):
            if parties.get(qid) is None:
                parties[qid] = names[i] if i < len(names) else None
    for qid, name in sorted(parties.items()):
        actor = _add_party(g, qid, name)
        g.add((t, FO.party, actor))
        g.add((t, WDT.P1891, iris.wikidata(qid)))
        if not draft:
            g.add((actor, WDT.P463, t))
    form = "multilateral" if len(parties) > 2 else "bilateral"
    if not draft:
        g.add((t, RDF.type, FO.MultilateralAlliance if form == "multilateral" else FO.BilateralAlliance))
    g.add((t, FO.allianceForm, iris.concept("form", form)))
    ranked = max(
        entries, key=lambda e: _COMPLETENESS_RANK.get((e.provenance or {}).get("completeness", ""), 0)
    )
    completeness = (ranked.provenance or {}).get("completeness")
    if completeness:
        g.add((t, FO.completeness, Literal(completeness)))
    wikidata = next((e.wikidata for e in entries if e.wikidata), None)
    if wikidata:
        g.add((t, OWL.sameAs, iris.wikidata(wikidata)))
    return t


def add_article(g: Graph, work: str, number: str) -> URIRef:
    """Article `number` of treaty `work`, as a part of the treaty."""
    art = iris.article(work, number)
    g.add((art, RDF.type, FO.Article))
    g.add((art, FO.articleNumber, Literal(number)))
    g.add((art, DCTERMS.isPartOf, iris.treaty(work)))
    return art


def _add_curated(
    g: Graph, node: URIRef, cls: URIRef, id_prop: URIRef, record_id: str, label: Mapping[str, str]
) -> None:
    """What a case and a proposal share: class, id, labels, and the curation that recorded it."""
    g.add((node, RDF.type, cls))
    g.add((node, id_prop, Literal(record_id)))
    for lang, name in sorted(label.items()):
        g.add((node, SKOS.prefLabel, text(name, lang)))
    g.add((node, PROV.wasGeneratedBy, _CURATION))


def _add_period(g: Graph, node: URIRef, key_iri: URIRef, start: str, end: str) -> None:
    """fo:periodStart/End for queries, and the same interval in OWL-Time."""
    g.add((node, FO.periodStart, Literal(start, datatype=XSD.date)))
    g.add((node, FO.periodEnd, Literal(end, datatype=XSD.date)))
    period = URIRef(f"{key_iri}/period")
    g.add((node, TIME.hasTime, period))
    g.add((period, RDF.type, TIME.ProperInterval))
    for part, value in (("beginning", start), ("end", end)):
        instant = URIRef(f"{period}/{part}")
        g.add((period, TIME.hasBeginning if part == "beginning" else TIME.hasEnd, instant))
        g.add((instant, RDF.type, TIME.Instant))
        g.add((instant, TIME.inXSDDate, Literal(value, datatype=XSD.date)))


def _add_source(g: Graph, node: URIRef, source: Mapping[str, str]) -> None:
    if source.get("document"):
        g.add((node, FO.sourceDocument, iris.document(source["document"])))
    if source.get("section"):
        g.add((node, FO.sourceSection, Literal(source["section"])))
    if source.get("pages"):
        g.add((node, FO.sourcePages, Literal(source["pages"])))


def _add_proposal(g: Graph, p: Proposal) -> URIRef:
    node = iris.proposal(p.id)
    _add_curated(g, node, FO.Proposal, FO.proposalId, p.id, p.label)
    g.add((node, FO.proposedBy, iris.actor(p.proposer)))
    g.add((node, FO.allianceForm, iris.concept("form", p.form)))
    if p.strength:
        g.add((node, FO.intendedStrength, iris.concept("strength", p.strength)))
    if p.date:
        g.add((node, FO.proposedDate, date_literal(p.date)))
    if p.date_end:
        g.add((node, FO.proposedUntil, date_literal(p.date_end)))
    if p.outcome:
        g.add((node, FO.outcome, iris.concept("outcome", p.outcome)))
    for qid in p.opposed_by:
        g.add((node, FO.opposedBy, iris.actor(qid)))
    if p.model:
        g.add((node, FO.modelledOn, iris.treaty(p.model)))
    _add_source(g, node, p.source)
    return node


def _add_case(g: Graph, c: Case) -> URIRef:
    node = iris.case(c.id)
    _add_curated(g, node, FO.Case, FO.caseId, c.id, c.label)
    g.add((node, FO.actor, iris.actor(c.actor)))
    g.add((node, FO.region, iris.concept("region", c.region)))
    _add_period(g, node, node, c.start, c.end)
    _add_source(g, node, c.source)
    for p in c.proposals:
        g.add((node, FO.concernsProposal, _add_proposal(g, p)))
    for work in c.formed:
        g.add((node, FO.formedAlliance, iris.treaty(work)))
    for work in c.ended:
        g.add((node, FO.endedAlliance, iris.treaty(work)))
    for work in c.context:
        g.add((node, FO.contextAlliance, iris.treaty(work)))
    return node


def corpus_graph(
    catalogue: Catalogue,
    cases: Iterable[Case],
    gazetteer: Iterable[Mapping[str, Any]] | Path | None = None,
) -> Graph:
    """Treaties and document records from the catalogue, actors, cases and proposals.

    `gazetteer`: actor records, or a gazetteer file; None reads the packaged gazetteer.
    """
    g = bind_prefixes(Graph())
    if gazetteer is None:
        gazetteer = DEFAULT_GAZETTEER if DEFAULT_GAZETTEER.is_file() else []
    records = load_gazetteer(gazetteer) if isinstance(gazetteer, Path) else list(gazetteer)
    for record in records:
        _add_actor(g, record)
    by_work: dict[str, list[CatalogueEntry]] = {}
    for e in catalogue.entries:
        _add_document_record(g, e)
        if e.work and e.kind in ("treaty", "draft"):
            by_work.setdefault(e.work, []).append(e)
    for work, entries in sorted(by_work.items()):
        _add_treaty(g, work, entries)
    for c in cases:
        _add_case(g, c)
    g.add((_CURATION, RDF.type, PROV.Activity))
    g.add((_CURATION, RDFS.label, text("cases and proposals recorded as data", "en")))
    g.add((iris.activity("ingest"), RDF.type, PROV.Activity))
    return g
