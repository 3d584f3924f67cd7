"""Score the annotators against the gold set (tests/gold/*.jsonl).

`evaluate(gold_dir=None, documents=None, pipelines=None, corpus_root=None, echo=print) -> dict`

Gold spans carry offsets into the raw corpus file and their text; each is mapped onto the document's
canonical text (same offsets when the texts agree, else the nearest occurrence of the span text).
A prediction matches a gold span of the same label when they overlap (one-to-one, greedy).  Only
predictions inside the gold `scope` of a document, and of the labels that scope lists, are scored.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from foedus.annotate.document import annotate_document
from foedus.annotate.pipelines import Pipelines, load_pipelines
from foedus.annotate.raw_documents import raw_document
from foedus.corpus.catalogue import (
    PACKAGED_CATALOGUE,
    Catalogue,
    checked_path,
    find_corpus_root,
    load_catalogue,
)
from foedus.errors import AnnotateError, FoedusError
from foedus.model import Annotation, Document

GOLD_DIR = Path(__file__).resolve().parent.parent / "tests" / "gold"
TYPE_PRIORITY = ["defense", "offense", "neutrality", "nonaggression", "consultation", "other"]
SPAN_ATTRS = {
    "THREAT": ("intensity", "direction", "source", "target", "region", "date", "modality"),
    "CLAIM": ("about", "value", "subject", "modality"),
}
ACCURACY_MEASURES = (
    "entity_link_accuracy",
    "article_type_accuracy",
    "article_subtype_accuracy",
    "article_strength_accuracy",
    "attribute_accuracy",
)


def load_gold(gold_dir: Path) -> dict[str, list[dict[str, Any]]]:
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    files = sorted(gold_dir.glob("*.jsonl"))
    if not files:
        raise AnnotateError(f"{gold_dir}: no gold *.jsonl files")
    for path in files:
        for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if raw.strip():
                try:
                    row = json.loads(raw)
                except json.JSONDecodeError as exc:
                    raise AnnotateError(f"{path}:{n}: not JSON ({exc})") from exc
                by_doc[row["document"]].append(row)
    return by_doc


def load_document(doc_id: str, root: Path, catalogue: Catalogue | None = None) -> Document:
    """The ingested document; the raw-file fallback when its ingester fails."""
    from foedus.ingest import ingest

    entry = (catalogue or load_catalogue(PACKAGED_CATALOGUE)).get(doc_id)
    path = checked_path(root, entry)
    try:
        return ingest(path, entry)
    except (FoedusError, ImportError, AttributeError):
        return raw_document(path, entry)


def to_canonical(doc: Document, start: int, text: str, left: str = "", right: str = "") -> int | None:
    """Canonical offset of a gold span given by its raw-file offset, its text and the text around it."""
    guess = start
    for canon, orig in doc.offset_map:
        if orig <= start:
            guess = canon + (start - orig)
    if doc.text[guess : guess + len(text)] == text and not (left or right):
        return guess
    hits, pos = [], doc.text.find(text)
    while pos >= 0:
        hits.append(pos)
        pos = doc.text.find(text, pos + 1)
    if not hits:
        return None

    def score(h: int) -> tuple[int, int]:
        before = doc.text[max(0, h - len(left)) : h]
        after = doc.text[h + len(text) : h + len(text) + len(right)]
        agree = _common_suffix(before, left) + _common_prefix(after, right)
        return (-agree, abs(h - guess))

    return min(hits, key=score)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


def map_scopes(doc: Document, scope_rows: list[dict[str, Any]]) -> tuple[list[tuple[int, int]], set[str]]:
    spans, labels = [], set()
    for row in scope_rows:
        labels |= set(row["labels"])
        for start, end, head, tail in row["scope"]:
            s = to_canonical(doc, start, head)
            t = to_canonical(doc, end - len(tail), tail)
            if s is not None:  # the tail may be lost (a footnote marker removed): fall back on the length
                spans.append((s, t + len(tail) if t is not None and t >= s else s + end - start))
    return spans, labels


def match(gold: list[tuple[int, int, dict]], pred: list[Annotation]) -> list[tuple[dict, Annotation | None]]:
    """Greedy one-to-one overlap matching; unmatched gold pairs with None."""
    used: set[int] = set()
    pairs = []
    for s, e, g in gold:
        best, best_overlap = None, 0
        for i, p in enumerate(pred):
            overlap = min(e, p.end) - max(s, p.start)
            if i not in used and overlap > best_overlap:
                best, best_overlap = i, overlap
        if best is not None:
            used.add(best)
        pairs.append((g, pred[best] if best is not None else None))
    return pairs


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def same(attr: str, gold: Any, pred: Any) -> bool:
    if attr == "date":
        return str(pred or "")[:4] == str(gold)[:4]
    return gold == pred


def primary(anns: list[Annotation]) -> Annotation | None:
    ranked = sorted(anns, key=lambda a: (TYPE_PRIORITY.index(a.attributes.get("type", "other")), a.start))
    if not ranked:
        return None
    if ranked[0].attributes.get("type") != "other":
        return ranked[0]
    specific = [a for a in ranked if a.attributes.get("subtype") not in (None, "other")]
    return specific[0] if specific else ranked[0]


def evaluate(
    gold_dir: Path | None = None,
    documents: dict[str, Document] | None = None,
    pipelines: Pipelines | None = None,
    corpus_root: Path | None = None,
    echo: Callable[[str], None] | None = print,
) -> dict[str, Any]:
    """Precision/recall/F1 per label and language, entity-link, article-type and attribute accuracy."""
    gold_by_doc = load_gold(gold_dir or GOLD_DIR)
    pipelines = pipelines or load_pipelines()
    root = corpus_root or find_corpus_root()
    catalogue = load_catalogue(PACKAGED_CATALOGUE)
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    links: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    attrs: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    articles: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    subtypes: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    strengths: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    unmapped = 0
    for doc_id, rows in sorted(gold_by_doc.items()):
        doc = (documents or {}).get(doc_id) or load_document(doc_id, root, catalogue)
        predicted = annotate_document(doc, pipelines)
        scopes, labels = map_scopes(doc, [r for r in rows if "scope" in r])
        for label in sorted(labels):
            gold = []
            for r in rows:
                if r.get("label") == label and r.get("start") is not None:
                    s = to_canonical(doc, r["start"], r["text"], r.get("left", ""), r.get("right", ""))
                    if s is None:
                        unmapped += 1
                        continue
                    gold.append((s, s + len(r["text"]), r))
            pred = [a for a in predicted if a.label == label and any(s <= a.start < e for s, e in scopes)]
            pairs = match(gold, pred)
            for (s, _, g), (_, p) in zip(gold, pairs, strict=True):
                lang = doc.lang_at(s) or "und"
                counts[(label, lang)][0 if p else 2] += 1
                if p and label == "ACTOR":
                    ok = p.entity == g["entity"] and bool(p.attributes.get("ambiguous")) == bool(
                        g["attributes"].get("ambiguous")
                    )
                    links[lang][0] += ok
                    links[lang][1] += 1
                for attr in SPAN_ATTRS.get(label, ()):
                    if p and attr in g["attributes"]:
                        key = (label, attr, lang)
                        attrs[key][0] += same(attr, g["attributes"][attr], p.attributes.get(attr))
                        attrs[key][1] += 1
            matched = {id(p) for _, p in pairs if p}
            for p in pred:
                if id(p) not in matched:
                    counts[(label, p.lang or "und")][1] += 1
        lang = doc.segments[0].lang if doc.segments else "und"
        deontic = [a for a in predicted if a.label in ("OBLIGATION", "COMMITMENT")]
        for r in rows:
            if r.get("label") != "ARTICLE":
                continue
            g = r["attributes"]
            best = primary([a for a in deontic if a.attributes.get("article") == g["article"]])
            articles[lang][0] += bool(best and best.attributes.get("type") == g["type"])
            articles[lang][1] += 1
            if "subtype" in g:
                subtypes[lang][0] += bool(best and best.attributes.get("subtype") == g["subtype"])
                subtypes[lang][1] += 1
            if "strength" in g:
                strengths[lang][0] += bool(best and best.attributes.get("strength") == g["strength"])
                strengths[lang][1] += 1
    ratio = lambda v: round(v[0] / v[1], 3) if v[1] else None  # noqa: E731
    report: dict[str, Any] = {
        "spans": {f"{label}/{lang}": prf(*v) for (label, lang), v in sorted(counts.items())},
        "entity_link_accuracy": {lang: ratio(v) for lang, v in sorted(links.items())},
        "article_type_accuracy": {lang: ratio(v) for lang, v in sorted(articles.items())},
        "article_subtype_accuracy": {lang: ratio(v) for lang, v in sorted(subtypes.items())},
        "article_strength_accuracy": {lang: ratio(v) for lang, v in sorted(strengths.items())},
        "attribute_accuracy": {f"{lb}.{at}/{lg}": ratio(v) for (lb, at, lg), v in sorted(attrs.items())},
        "articles": {lang: v[1] for lang, v in articles.items()},
        "unmapped_gold": unmapped,
    }
    if echo:
        echo(format_report(report))
    return report


def format_report(report: dict[str, Any]) -> str:
    lines = [f"{'label/lang':<16}{'P':>7}{'R':>7}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}"]
    for key, v in report["spans"].items():
        lines.append(
            f"{key:<16}{v['precision']:>7}{v['recall']:>7}{v['f1']:>7}{v['tp']:>5}{v['fp']:>5}{v['fn']:>5}"
        )
    for name in ACCURACY_MEASURES:
        lines.append(f"{name}: " + ", ".join(f"{k}={v}" for k, v in report[name].items()))
    lines.append(f"unmapped gold spans: {report['unmapped_gold']}")
    return "\n".join(lines)


def render(console: Any, report: dict[str, Any]) -> None:
    """Print `report` (from `evaluate`) on a rich `console`: span scores, then the accuracies."""
    from rich.table import Table

    spans = Table(title="Annotation spans against the gold set")
    for column in ("label/lang", "P", "R", "F1", "tp", "fp", "fn"):
        spans.add_column(column, justify="left" if column == "label/lang" else "right")
    for key, v in report["spans"].items():
        spans.add_row(key, *(str(v[k]) for k in ("precision", "recall", "f1", "tp", "fp", "fn")))
    console.print(spans)
    accuracy = Table(title="Accuracy")
    accuracy.add_column("measure")
    accuracy.add_column("key")
    accuracy.add_column("value", justify="right")
    for name in ACCURACY_MEASURES:
        for key, value in report[name].items():
            accuracy.add_row(name, key, "-" if value is None else str(value))
    console.print(accuracy)
    console.print(f"unmapped gold spans: {report['unmapped_gold']}")
