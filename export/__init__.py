"""Export annotated corpora to the formats annotation tools and NLP libraries read, and take
corrections back.

Formats are registered by name (like rdflib's plugins): each is one small module with a
`write(job) -> ExportReport` function, imported only when used.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from foedus.export.job import ExportError, ExportJob
from foedus.export.report import ExportReport, ImportReport


@dataclass(frozen=True)
class Exporter:
    """A format name, what it writes, and the module that writes it."""

    name: str
    description: str
    target: str  # "module:function" under foedus.export

    def load(self) -> Callable[[ExportJob], ExportReport]:
        module, _, function = self.target.partition(":")
        return getattr(importlib.import_module(f"foedus.export.{module}"), function or "write")


_EXPORTERS = [
    Exporter(
        "webannotation", "W3C Web Annotation JSON-LD, one AnnotationCollection per document", "webannotation"
    ),
    Exporter("nif", "NIF 2.1 RDF (Turtle), one nif:Context per document, RFC 5147 #char= IRIs", "nif"),
    Exporter("brat", "brat standoff: .txt + .ann per document, with annotation.conf and tools.conf", "brat"),
    Exporter("xmi", "UIMA CAS XMI (INCEpTION, DKPro) with a foedus type system", "xmi"),
    Exporter("docbin", "spaCy DocBin (.spacy): doc.spans['foedus'] and doc.ents, jieba for zh", "docbin"),
    Exporter("jsonl", "Prodigy-style JSONL: text, tokens, spans (token_start/token_end), meta", "jsonl"),
    Exporter(
        "labelstudio", "Label Studio JSON tasks: data.text and predictions (UTF-16 offsets)", "labelstudio"
    ),
    Exporter("conll", "CoNLL-style BIO: one token per line, one BIO column per label", "conll"),
    Exporter("csv", "tables as CSV: obligations, actors, threats, cases", "tables:write_csv"),
    Exporter(
        "parquet", "tables as Parquet (pyarrow): obligations, actors, threats, cases", "tables:write_parquet"
    ),
    Exporter("turtle", "the whole store's union graph as Turtle", "rdfdump:write_turtle"),
    Exporter("nquads", "the whole store as N-Quads, named graphs kept", "rdfdump:write_nquads"),
    Exporter("jsonld", "the whole store as JSON-LD, one entry per named graph", "rdfdump:write_jsonld"),
]

FORMATS: dict[str, Exporter] = {e.name: e for e in _EXPORTERS}


def exporter(fmt: str) -> Exporter:
    try:
        return FORMATS[fmt]
    except KeyError:
        raise ExportError(f"--format {fmt!r}: unknown export format; known: {', '.join(FORMATS)}") from None


def export(fmt: str, store_dir: Path, out_dir: Path, documents: list[str] | None = None) -> ExportReport:
    """Write the current build of `store_dir` in format `fmt` under `out_dir`."""
    write = exporter(fmt).load()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    report = write(ExportJob(Path(store_dir), out_dir, documents))
    report.seconds = time.perf_counter() - started
    return report


def import_corrections(path: Path, store_dir: Path, *, who: str, fmt: str | None = None) -> ImportReport:
    """Read corrected annotations (brat .ann+.txt or Web Annotation JSON-LD) into STORE/curated/."""
    from foedus.export.corrections import import_corrections as run

    return run(Path(path), Path(store_dir), who=who, fmt=fmt)


__all__ = [
    "FORMATS",
    "ExportError",
    "ExportReport",
    "Exporter",
    "ImportReport",
    "export",
    "import_corrections",
]
