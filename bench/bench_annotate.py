"""Throughput of the foedus annotation pipelines vs the bare tokenizer, per language, same text, same run.

Run: /work/venv/bin/python bench/bench_annotate.py [--rounds 3] [--repeat 40]
Text: the real corpus (the language segments of the book and the treaties), repeated to some 100s of kB.
Each segment carries the context `annotate_document` gives it (document kind, structure nodes), so every
component does the work it does in a build (deontic on treaty articles, threats and claims on the book).
Both pipelines get the same batches through `nlp.pipe`; rounds are interleaved; medians are printed.
`--processes N` also times the full pipeline in a warm pool of N forked processes (start-up excluded; each
worker pipes a 1/16 share of the segments and returns what it found) against the same bare tokenizer.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import time

import spacy

from foedus.annotate.context import SegmentContext
from foedus.annotate.document import segment_context
from foedus.annotate.evaluate import load_document
from foedus.annotate.found import CONTEXT_KEY, FOUND_KEY, TEXT_KEY
from foedus.annotate.pipelines import load_pipelines
from foedus.corpus.catalogue import PACKAGED_CATALOGUE, find_corpus_root, load_catalogue


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
    docs = [nlp.make_doc(t) for t, _ in segments]
    for d, (t, ctx) in zip(docs, segments, strict=True):  # as annotate_document does
        d.user_data[CONTEXT_KEY] = ctx
        d.user_data[TEXT_KEY] = t
    for _ in nlp.pipe(docs, batch_size=64):
        pass
    return time.perf_counter() - start


_POOL_NLP = None  # the pipeline a forked pool worker inherits


def _pool_work(segments: list[tuple[str, SegmentContext]]) -> list[list]:
    docs = []
    for text, ctx in segments:
        d = _POOL_NLP.make_doc(text)
        d.user_data[CONTEXT_KEY] = ctx
        d.user_data[TEXT_KEY] = text
        docs.append(d)
    return [d.user_data.get(FOUND_KEY, []) for d in _POOL_NLP.pipe(docs, batch_size=64)]


def timed_pool(pool, segments: list[tuple[str, SegmentContext]], chunks: int = 16) -> float:
    start = time.perf_counter()
    pool.map(_pool_work, [segments[i::chunks] for i in range(chunks)])
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=40, help="copies of the corpus segments")
    parser.add_argument("--processes", type=int, default=0, help="also time a warm pool of this many")
    args = parser.parse_args()
    global _POOL_NLP
    pipes = load_pipelines()
    bare = {
        "en": spacy.blank("en"),
        "zh": spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}}),
    }
    for lang in ("en", "zh"):
        texts = corpus_segments(lang) * args.repeat
        chars = sum(len(t) for t, _ in texts)
        full_nlp = pipes.for_lang(lang)
        tok, full = [], []
        for _ in range(args.rounds):  # interleaved: both see the same machine state
            tok.append(timed(bare[lang], texts))
            full.append(timed(full_nlp, texts))
        tok_rate, full_rate = chars / statistics.median(tok), chars / statistics.median(full)
        print(
            f"{lang}: {chars:,} chars  tokenizer {tok_rate:,.0f} chars/s  foedus {full_rate:,.0f} chars/s  "
            f"ratio {full_rate / tok_rate:.0%}"
        )
        if args.processes > 1:
            _POOL_NLP = full_nlp
            with multiprocessing.get_context("fork").Pool(args.processes) as pool:
                timed_pool(pool, texts[:32])  # warm: the workers exist and have run once
                pooled = []
                for _ in range(args.rounds):
                    tok.append(timed(bare[lang], texts))
                    pooled.append(timed_pool(pool, texts))
            tok_rate, pool_rate = chars / statistics.median(tok), chars / statistics.median(pooled)
            print(
                f"{lang}: {args.processes} processes  foedus {pool_rate:,.0f} chars/s  "
                f"({pool_rate / full_rate:.2f}x one process)  ratio {pool_rate / tok_rate:.0%}"
            )


if __name__ == "__main__":
    main()
