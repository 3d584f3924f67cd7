"""Throughput of the foedus annotation pipelines vs the bare tokenizer, per language, same text, same run.

Run: /work/venv/bin/python bench/bench_annotate.py [--rounds 5] [--repeat 40] [--processes 2] [--kinds K,…]

Every segment carries the context `annotate_document` gives it (document kind, structure nodes), so every
component does the work it does in a build (deontic on treaty articles, threats and claims on the book and
the archival and secondary texts).  Both pipelines get the same batches through `nlp.pipe`; rounds are
interleaved; medians are printed.  Three measures:

unseen    the language segments of every catalogued document, split by document into two halves; each
          round builds both pipelines afresh, runs them on one half (not timed) and times them on the
          other, then the other way round.  What a build does: every text is new to the pipeline, which
          has seen other texts before.  spaCy's tokenizer caches the tokens of every whitespace-delimited
          chunk it has seen, so a warm cache helps only with chunks seen elsewhere.
cold      the same, without the warm-up half: fresh pipelines (empty vocab and cache) on all the text.
          `--kinds book,treaty,draft` restricts both to documents of those kinds.
repeated  the book and treaty segments, copied `--repeat` times, the same pipelines for every round (the
          measure of session 1).  After the first copy the bare tokenizer answers every chunk from its
          cache (13 M chars/s against 1.3 M cold on the same text), so this mostly measures the components
          against a dictionary look-up.
`--processes N` also times the full pipeline on the repeated text in a warm pool of N forked processes
(start-up excluded; each worker pipes a 1/16 share of the segments and returns what it found).
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import time

import spacy

from foedus.annotate.context import SegmentContext
from foedus.annotate.document import segment_context, segment_doc
from foedus.annotate.evaluate import load_document
from foedus.annotate.found import FOUND_KEY
from foedus.annotate.pipelines import build_blank, load_pipelines
from foedus.corpus.catalogue import PACKAGED_CATALOGUE, find_corpus_root, load_catalogue

Segments = list[tuple[str, SegmentContext]]


def document_segments(lang: str, kinds: set[str] | None = None) -> list[Segments]:
    """Per catalogued document (in id order; of `kinds` only, when given), its segments in `lang`."""
    root = find_corpus_root()
    out = []
    for entry in sorted(load_catalogue(PACKAGED_CATALOGUE).entries, key=lambda e: e.id):
        if kinds and entry.kind not in kinds:
            continue
        doc = load_document(entry.id, root)
        segs = [(doc.text[s.start : s.end], segment_context(doc, s)) for s in doc.segments if s.lang == lang]
        if segs:
            out.append(segs)
    return out


def bare_pipeline(lang: str):
    if lang == "zh":
        return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    return spacy.blank(lang)


def unseen_round(lang: str, halves: tuple[Segments, Segments], warm: bool) -> tuple[float, float]:
    """(bare, foedus) seconds over both halves, each timed with fresh pipelines (warmed on the other half)."""
    bare_s = full_s = 0.0
    for measured, other in (halves, halves[::-1]):
        bare, full = bare_pipeline(lang), build_blank(lang)
        if warm:
            timed(bare, other)
            timed(full, other)
        bare_s += timed(bare, measured)
        full_s += timed(full, measured)
    return bare_s, full_s


def corpus_segments(lang: str) -> list[tuple[str, SegmentContext]]:
    root = find_corpus_root()
    cat = load_catalogue(PACKAGED_CATALOGUE)
    ids = [e.id for e in cat.entries if e.kind in ("book", "treaty", "draft")]
    out = []
    for doc_id in ids:
        doc = load_document(doc_id, root)
        for seg in doc.segments:
            if seg.lang == lang:
                # a segment and its context: what annotate_document feeds spaCy
                out.append((doc.text[seg.start : seg.end], segment_context(doc, seg)))
    return out


def timed(nlp, segments: list[tuple[str, SegmentContext]]) -> float:
    start = time.perf_counter()
    docs = [segment_doc(nlp, text, ctx) for text, ctx in segments]  # as annotate_document does
    for _ in nlp.pipe(docs, batch_size=64):
        pass
    return time.perf_counter() - start


_POOL_NLP = None  # the pipeline a forked pool worker inherits


def _pool_work(segments: list[tuple[str, SegmentContext]]) -> list[list]:
    docs = [segment_doc(_POOL_NLP, text, ctx) for text, ctx in segments]
    return [d.user_data.get(FOUND_KEY, []) for d in _POOL_NLP.pipe(docs, batch_size=64)]


def timed_pool(pool, segments: list[tuple[str, SegmentContext]], chunks: int = 16) -> float:
    start = time.perf_counter()
    pool.map(_pool_work, [segments[i::chunks] for i in range(chunks)])
    return time.perf_counter() - start


def report(lang: str, label: str, chars: int, bare: list[float], full: list[float]) -> float:
    bare_rate, full_rate = chars / statistics.median(bare), chars / statistics.median(full)
    print(
        f"{lang} {label:8s} {chars:>10,} chars  tokenizer {bare_rate:>12,.0f} chars/s  "
        f"foedus {full_rate:>11,.0f} chars/s  ratio {full_rate / bare_rate:.0%}"
    )
    return full_rate


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=40, help="copies of the segments (repeated measure)")
    parser.add_argument("--processes", type=int, default=0, help="also time a warm pool of this many")
    parser.add_argument("--kinds", default="", help="unseen/cold text: only these kinds, e.g. book,treaty")
    args = parser.parse_args()
    kinds = {k for k in args.kinds.split(",") if k}
    global _POOL_NLP
    pipes = load_pipelines()
    for lang in ("en", "zh"):
        docs = document_segments(lang, kinds)
        halves = ([s for d in docs[0::2] for s in d], [s for d in docs[1::2] for s in d])
        chars = sum(len(t) for half in halves for t, _ in half)
        for label, warm in (("unseen", True), ("cold", False)):
            rounds = [unseen_round(lang, halves, warm) for _ in range(args.rounds)]
            report(lang, label, chars, [b for b, _ in rounds], [f for _, f in rounds])

        texts = corpus_segments(lang) * args.repeat
        chars = sum(len(t) for t, _ in texts)
        full_nlp, bare = pipes.for_lang(lang), bare_pipeline(lang)
        tok, full = [], []
        for _ in range(args.rounds):  # interleaved: both see the same machine state
            tok.append(timed(bare, texts))
            full.append(timed(full_nlp, texts))
        full_rate = report(lang, "repeated", chars, tok, full)
        if args.processes > 1:
            _POOL_NLP = full_nlp
            with multiprocessing.get_context("fork").Pool(args.processes) as pool:
                timed_pool(pool, texts[:32])  # warm: the workers exist and have run once
                pooled = []
                for _ in range(args.rounds):
                    tok.append(timed(bare, texts))
                    pooled.append(timed_pool(pool, texts))
            tok_rate, pool_rate = chars / statistics.median(tok), chars / statistics.median(pooled)
            print(
                f"{lang} repeated, {args.processes} processes: foedus {pool_rate:,.0f} chars/s  "
                f"({pool_rate / full_rate:.2f}x one process)  ratio {pool_rate / tok_rate:.0%}"
            )


if __name__ == "__main__":
    main()
