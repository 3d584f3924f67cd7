"""The one command-line tool.  Every listing command has `--format json` (see docs/json.md)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn
from rich.table import Table

from foedus.errors import FoedusError
from foedus.store.layout import DEFAULT_STORE

T = TypeVar("T")

app = typer.Typer(
    help="foedus: annotated primary sources and a knowledge graph of great-power alliance strategy.",
    no_args_is_help=True,
    add_completion=False,
)
# Wide enough for the case table when output is piped (rich defaults to 80 columns then).
out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 180)
err = Console(stderr=True, soft_wrap=True)

StoreOpt = Annotated[
    Path, typer.Option("--store", help="store directory (env FOEDUS_STORE)", envvar="FOEDUS_STORE")
]
CorpusOpt = Annotated[
    str | None,
    typer.Option("--corpus", help="corpus root (else $FOEDUS_CORPUS, else ../shared)", show_default=False),
]


class Fmt(StrEnum):
    table = "table"
    json = "json"


class AnnFmt(StrEnum):
    table = "table"
    jsonl = "jsonl"
    json = "json"


def _fail(exc: Exception) -> typer.Exit:
    err.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
    return typer.Exit(1)


def _print_table(
    columns: tuple[str, ...] | list[str], rows: Iterable[Iterable[object]], title: str | None = None
) -> None:
    """A rich table of plain values (cells are escaped: quotes may hold `[...]`)."""
    table = Table(title=title)
    for col in columns:
        table.add_column(col)
    for row in rows:
        table.add_row(*("" if v is None else escape(str(v)) for v in row))
    out.print(table)


def _from_store(store: Path, read: Callable[[Any], T]) -> T:
    """Open the current build read-only, answer `read(store)`, and turn errors into one line."""
    from foedus.store import open_store

    try:
        with open_store(store, read_only=True) as st:
            return read(st)
    except FoedusError as exc:
        raise _fail(exc) from None


def _json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def _parse_params(items: list[str] | None) -> dict[str, float]:
    params: dict[str, float] = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep:
            raise FoedusError(f"--param {item!r}: expected NAME=VALUE")
        try:
            params[name.strip()] = float(value)
        except ValueError:
            raise FoedusError(f"--param {item!r}: {value!r} is not a number") from None
    return params


@app.command()
def build(
    store: StoreOpt = DEFAULT_STORE,
    corpus: CorpusOpt = None,
    catalogue: Annotated[
        str | None, typer.Option(help="catalogue TOML (else the corpus's own, else the packaged one)")
    ] = None,
    param: Annotated[
        list[str] | None, typer.Option(help="override a derivation parameter, NAME=VALUE")
    ] = None,
    model: Annotated[
        str | None, typer.Option(help="an installed trained spaCy pipeline to use as base")
    ] = None,
    strict: Annotated[bool, typer.Option(help="exit 1 when any document failed")] = False,
    format: Annotated[Fmt, typer.Option("--format")] = Fmt.table,
    show_cases: Annotated[
        bool, typer.Option("--cases/--no-cases", help="print the case table after building")
    ] = False,
) -> None:
    """Build the knowledge graph from the corpus into the store (atomically swapped in)."""
    from foedus.pipeline import build as run_build

    try:
        params = _parse_params(param)
        with Progress(
            TextColumn("{task.description:<9}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total}"),
            console=err,
            transient=True,
            disable=format == Fmt.json or not err.is_terminal,
        ) as bar:
            tasks: dict[str, Any] = {}

            def progress(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    tasks[stage] = bar.add_task(stage, total=total)
                bar.update(tasks[stage], completed=done)

            summary = run_build(store, corpus, catalogue, params, model, progress=progress)
    except FoedusError as exc:
        raise _fail(exc) from None
    for failure in summary.failures:
        err.print(f"[yellow]skipped[/yellow] {escape(str(failure))}", highlight=False)
    if format == Fmt.json:
        _json(summary.to_json())
    else:
        _print_summary(summary)
        if show_cases:
            out.print()
            cases(store=store, format=Fmt.table, explain=None)
    if strict and summary.failures:
        raise typer.Exit(1)


def _print_summary(summary: Any) -> None:
    out.print(
        f"built [bold]{summary.documents}[/bold] documents "
        f"({len(summary.failures)} skipped), {summary.triples} triples, {summary.cases} cases "
        f"in {summary.seconds.get('total', 0)} s → {summary.store}"
    )
    table = Table(title="annotations per label and language")
    langs = sorted({lang for per in summary.annotations.values() for lang in per})
    table.add_column("label")
    for lang in langs:
        table.add_column(lang, justify="right")
    for label, per in summary.annotations.items():
        table.add_row(label, *[str(per.get(lang, 0)) for lang in langs])
    out.print(table)


@app.command()
def documents(
    store: StoreOpt = DEFAULT_STORE, format: Annotated[Fmt, typer.Option("--format")] = Fmt.table
) -> None:
    """List the documents in the current build."""
    from foedus.ontology.read import list_documents

    rows = _from_store(store, list_documents)
    if format == Fmt.json:
        _json(rows)
        return
    _print_table(
        ("id", "kind", "languages", "complete", "title"),
        (
            (
                r["id"],
                r["kind"],
                ",".join(r["languages"]),
                str(r["complete"]).lower(),
                r["title"] if isinstance(r["title"], str) else json.dumps(r["title"], ensure_ascii=False),
            )
            for r in rows
        ),
    )


def _snapshot_document(store: Path, doc_id: str) -> tuple[Any, list[Any]]:
    from foedus.store import current_build
    from foedus.store.snapshot import read_snapshot

    for doc, anns in read_snapshot(current_build(store)):
        if doc.id == doc_id:
            return doc, anns
    raise FoedusError(f"document {doc_id!r} is not in the build at {store} (see `foedus documents`)")


@app.command()
def show(
    document: str,
    store: StoreOpt = DEFAULT_STORE,
    format: Annotated[Fmt, typer.Option("--format")] = Fmt.table,
) -> None:
    """Show one document: metadata, structure, footnotes and text."""
    try:
        doc, _ = _snapshot_document(store, document)
    except FoedusError as exc:
        raise _fail(exc) from None
    if format == Fmt.json:
        _json(doc.to_json())
        return
    out.print(f"[bold]{escape(doc.id)}[/bold] ({doc.kind}) — {escape(str(doc.metadata.get('title')))}")
    _print_table(
        ("type", "number", "title", "start", "end", "page"),
        (
            (n.type, n.number, (n.title or "")[:60], n.start, n.end, n.page)
            for n in doc.structure
            if n.type not in ("paragraph", "article-paragraph", "toc-entry")
        ),
        title="structure",
    )
    out.print(
        f"{len(doc.footnotes)} footnotes, {len(doc.page_breaks)} page breaks, {len(doc.text)} characters"
    )


@app.command()
def annotations(
    store: StoreOpt = DEFAULT_STORE,
    document: Annotated[str | None, typer.Option(help="only this document")] = None,
    label: Annotated[str | None, typer.Option(help="only this label (ACTOR, THREAT, ...)")] = None,
    format: Annotated[AnnFmt, typer.Option("--format")] = AnnFmt.table,
) -> None:
    """List annotations (one JSON object per line with --format jsonl)."""
    from foedus.store import current_build
    from foedus.store.snapshot import read_snapshot

    try:
        build_dir = current_build(store)
        rows = [
            a
            for doc, anns in read_snapshot(build_dir)
            if document is None or doc.id == document
            for a in anns
            if label is None or a.label == label.upper()
        ]
    except FoedusError as exc:
        raise _fail(exc) from None
    if format == AnnFmt.jsonl:
        for a in rows:
            sys.stdout.write(json.dumps(a.to_json(), ensure_ascii=False) + "\n")
        return
    if format == AnnFmt.json:
        _json([a.to_json() for a in rows])
        return
    _print_table(
        ("document", "start", "end", "label", "entity", "text"),
        ((a.document, a.start, a.end, a.label, a.entity, a.text[:50]) for a in rows),
    )


@app.command()
def cases(
    store: StoreOpt = DEFAULT_STORE,
    format: Annotated[Fmt, typer.Option("--format")] = Fmt.table,
    explain: Annotated[str | None, typer.Option(help="print the evidence chain of one case")] = None,
) -> None:
    """The case table: expected threat, domain, prediction, proposed, formed, consistency."""
    from foedus.ontology.read import explain_case, list_cases

    if explain:
        chain = _from_store(store, lambda st: explain_case(st, explain))
        if chain is None:
            raise _fail(FoedusError(f"--explain {explain}: no such case (see `foedus cases`)"))
        if format == Fmt.json:
            _json(chain)
        else:
            from foedus.render import print_explanation

            print_explanation(out, chain)
        return
    rows = _from_store(store, list_cases)
    if format == Fmt.json:
        _json(rows)
        return
    from foedus.render import case_table

    out.print(case_table(rows))


@app.command()
def treaties(
    store: StoreOpt = DEFAULT_STORE, format: Annotated[Fmt, typer.Option("--format")] = Fmt.table
) -> None:
    """Treaties as alliance records with their obligations."""
    from foedus.ontology.read import list_treaties

    rows = _from_store(store, list_treaties)
    if format == Fmt.json:
        _json(rows)
        return
    from foedus.render import treaty_table

    out.print(treaty_table(rows))


@app.command()
def query(
    name: Annotated[str | None, typer.Argument(help="a query in ontology/queries (see --list)")] = None,
    store: StoreOpt = DEFAULT_STORE,
    list_: Annotated[bool, typer.Option("--list", help="list the named queries")] = False,
    format: Annotated[Fmt, typer.Option("--format")] = Fmt.table,
) -> None:
    """Run a named SPARQL query from ontology/queries/NAME.rq."""
    from foedus.ontology.named_queries import list_queries, run_query

    if list_ or not name:
        for qname, doc in list_queries().items():
            out.print(f"[bold]{qname}[/bold]  {doc}", highlight=False)
        return
    result = _from_store(store, lambda st: run_query(st, name))
    if result.kind == "ASK":
        _json(result.boolean) if format == Fmt.json else out.print(str(result.boolean).lower())
        return
    if result.kind == "CONSTRUCT":
        sys.stdout.write(result.graph.serialize(format="turtle"))
        return
    rows = result.python()
    if format == Fmt.json:
        _json(rows)
        return
    _print_table(result.variables, ([r[v] for v in result.variables] for r in rows))


@app.command()
def validate(
    store: StoreOpt = DEFAULT_STORE, format: Annotated[Fmt, typer.Option("--format")] = Fmt.table
) -> None:
    """Validate the current build against the SHACL shapes (exit 1 on violations)."""
    from foedus.ontology.validate import validate as run_validation

    report = _from_store(store, run_validation)
    if format == Fmt.json:
        _json({"conforms": report.conforms, "violations": [str(v) for v in report.violations]})
    else:
        for v in report.violations:
            out.print(f"[red]✗[/red] {escape(str(v))}", highlight=False)
        out.print("conforms" if report.conforms else f"{len(report.violations)} violation(s)")
    if not report.conforms:
        raise typer.Exit(1)


@app.command()
def evaluate(
    corpus: CorpusOpt = None,
    format: Annotated[Fmt, typer.Option("--format")] = Fmt.table,
) -> None:
    """Precision, recall and F1 of the annotators against the gold set in tests/gold."""
    from foedus.annotate.evaluate import evaluate as run_eval
    from foedus.annotate.evaluate import render as render_eval
    from foedus.corpus.catalogue import find_corpus_root

    try:
        report = run_eval(corpus_root=find_corpus_root(corpus), echo=None)
    except FoedusError as exc:
        raise _fail(exc) from None
    if format == Fmt.json:
        _json(report)
    else:
        render_eval(out, report)


@app.command()
def export(
    format: Annotated[str | None, typer.Option("--format", help="export format (see --list)")] = None,
    out_dir: Annotated[Path | None, typer.Option("--out", help="output directory")] = None,
    store: StoreOpt = DEFAULT_STORE,
    document: Annotated[list[str] | None, typer.Option(help="only these documents")] = None,
    list_: Annotated[bool, typer.Option("--list", help="list the formats")] = False,
) -> None:
    """Export the annotated corpus (brat, webannotation, nif, xmi, docbin, jsonl, conll, csv, ...)."""
    from foedus.export import FORMATS
    from foedus.export import export as run_export

    if list_ or not format:
        for name, exporter in FORMATS.items():
            out.print(f"[bold]{name}[/bold]  {getattr(exporter, 'description', '')}", highlight=False)
        return
    if out_dir is None:
        raise _fail(FoedusError("--out DIR is required with --format"))
    try:
        report = run_export(format, store, out_dir, documents=document)
    except FoedusError as exc:
        raise _fail(exc) from None
    _json(report.to_json() if hasattr(report, "to_json") else report.__dict__)


@app.command("import-corrections")
def import_corrections(
    path: Path,
    who: Annotated[str, typer.Option(help="who made the corrections")],
    store: StoreOpt = DEFAULT_STORE,
    format: Annotated[
        str | None, typer.Option("--format", help="brat or webannotation (else by extension)")
    ] = None,
) -> None:
    """Import corrected annotations (brat .ann or Web Annotation JSON-LD) into the curated layer."""
    from foedus.export import import_corrections as run_import

    try:
        report = run_import(path, store, who=who, fmt=format)
    except FoedusError as exc:
        raise _fail(exc) from None
    _json(report.to_json() if hasattr(report, "to_json") else report.__dict__)


@app.command()
def serve(
    store: StoreOpt = DEFAULT_STORE,
    host: Annotated[str, typer.Option(help="interface to bind")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
    query_timeout: Annotated[float, typer.Option(help="seconds a /sparql query may run")] = 10.0,
    result_limit: Annotated[
        int, typer.Option(help="most rows or triples a /sparql query may return")
    ] = 10000,
) -> None:
    """Serve the lookup API, the SPARQL endpoint and the web view with uvicorn."""
    from foedus.api.server import serve as run_server

    try:
        run_server(store, host=host, port=port, query_timeout=query_timeout, result_limit=result_limit)
    except FoedusError as exc:
        raise _fail(exc) from None


def main() -> None:
    app()


if __name__ == "__main__":
    main()
