"""Typed response models.  Read-model answers allow extra fields so the ontology can grow
without breaking the API; the fields named here are the ones the API promises."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Health(BaseModel):
    status: str = Field(description="`ok` when the store is open")
    build: str = Field(description="the build directory name (a timestamp) being served")
    triples: int = Field(description="quads in the store")
    documents: int = Field(description="documents in the build's snapshot")


class Labels(Open):
    en: str | None = None
    zh: str | None = None


class ActorHit(Open):
    id: str
    wikidata: str | None = None
    type: str | None = None
    label: Labels
    score: float | None = None


class Actor(Open):
    id: str
    wikidata: str | None = None
    type: str | None = None
    label: Labels | None = None
    aliases: Any = None
    treaties: list[Any] = []
    obligations: list[Any] = []
    threats: list[Any] = []


class Obligation(Open):
    article: str | None = None
    type: str | None = None
    strength: str | None = None
    conditions: Any = None
    start: int | None = None
    end: int | None = None
    quote: str | None = None
    document: str | None = None
    lang: str | None = None


class TreatySummary(Open):
    id: str
    title: Labels
    signed: str | None = None
    parties: list[str] = []
    multilateral: bool | None = None
    completeness: str | None = None
    documents: list[str] = []
    obligations: list[Obligation] = []


class Treaty(TreatySummary):
    articles: list[dict[str, Any]] = []


class CaseSummary(Open):
    id: str
    label: Labels
    actor: str | None = None
    region: str | None = None
    start: str | None = None
    end: str | None = None
    threat: dict[str, Any] | None = None
    domain: str | None = None
    prediction: str | None = None
    proposed: list[dict[str, Any]] = []
    formed: list[dict[str, Any]] = []
    ended: list[dict[str, Any]] = []
    consistent: dict[str, Any] | None = None
    author_claims: list[dict[str, Any]] = []
    evidence: list[dict[str, Any]] = []


class Case(CaseSummary):
    explanation: dict[str, Any] | None = Field(
        default=None, description="verdict → domain → threat score → threat annotations (quotes), alliances"
    )


class DocumentSummary(Open):
    id: str
    kind: str
    title: Any = None
    languages: list[str] = []
    source: Any = None
    complete: bool | None = None


class AnnotationOut(BaseModel):
    id: str
    document: str
    start: int
    end: int
    text: str
    label: str
    entity: str | None = None
    attributes: dict[str, Any] = {}
    rule: str = ""
    annotator: str = ""
    confidence: float = 1.0
    lang: str | None = None


class DocumentDetail(BaseModel):
    id: str
    kind: str
    metadata: dict[str, Any]
    text: str | None = Field(description="canonical text (omitted with include_text=false)")
    length: int = Field(description="length of the canonical text in code points")
    segments: list[dict[str, Any]]
    structure: list[dict[str, Any]]
    footnotes: list[dict[str, Any]]
    page_breaks: list[dict[str, Any]]
    alignments: list[dict[str, Any]]
    annotations: list[AnnotationOut]
