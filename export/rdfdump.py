"""Dumps of the whole store: Turtle (the union graph), N-Quads (named graphs kept) and JSON-LD
(one entry per named graph, written graph by graph so only one graph is in memory at a time)."""

from __future__ import annotations

import json

from rdflib import Graph

from foedus.export.job import ExportJob
from foedus.export.report import ExportReport
from foedus.ontology import iris

JSONLD_CONTEXT = {prefix: str(ns) for prefix, ns in iris.PREFIXES.items()} | {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def _dump(job: ExportJob, fmt: str, file_name: str) -> ExportReport:
    report = ExportReport(fmt, job.out_dir)
    path = job.path(file_name)
    with job.open_store() as store:
        path.write_bytes(store.serialize(fmt))
        report.counts["quads"] = store.count()
    report.files = 1
    report.outputs.append(path)
    return report


def write_turtle(job: ExportJob) -> ExportReport:
    return _dump(job, "turtle", "foedus.ttl")


def write_nquads(job: ExportJob) -> ExportReport:
    return _dump(job, "nquads", "foedus.nq")


def write_jsonld(job: ExportJob) -> ExportReport:
    report = ExportReport("jsonld", job.out_dir)
    path = job.path("foedus.jsonld")
    with job.open_store() as store, path.open("w", encoding="utf-8") as fh:
        fh.write('{"@context": ' + json.dumps(JSONLD_CONTEXT) + ',\n "@graph": [')
        for n, name in enumerate(store.graph_names()):
            g = Graph()
            for triple in store.graph_triples(name):
                g.add(triple)
            nodes = json.loads(g.serialize(format="json-ld", context=JSONLD_CONTEXT, auto_compact=False))
            nodes = nodes.get("@graph", [nodes]) if isinstance(nodes, dict) else nodes
            for node in nodes:
                node.pop("@context", None)
            entry = {"@id": str(name), "@graph": nodes}
            fh.write(("\n  " if n == 0 else ",\n  ") + json.dumps(entry, ensure_ascii=False))
            report.counts["quads"] += len(g)
            report.counts["graphs"] += 1
        fh.write("\n]}\n")
    report.files = 1
    report.outputs.append(path)
    return report
