"""Media types the SPARQL endpoint answers in, mapped to pyoxigraph's serialisers.

SELECT and ASK answer as SPARQL results (JSON first: our default); CONSTRUCT and
DESCRIBE answer as RDF (Turtle first).  Aliases such as `application/json` map to
the canonical result format so generic clients get something useful.
"""

from __future__ import annotations

import pyoxigraph as ox

RESULTS_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}

GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    # generic clients asking for JSON of a graph get JSON-LD
    "application/json": ox.RdfFormat.JSON_LD,
}

TEXT_TYPES = {"text/csv", "text/tab-separated-values", "text/turtle", "application/n-triples"}


def content_type(media_type: str) -> str:
    """The Content-Type header value (UTF-8 charset on text formats)."""
    return f"{media_type}; charset=utf-8" if media_type in TEXT_TYPES else media_type
