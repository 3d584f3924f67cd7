"""A synthetic annotated corpus (zh and en, with astral-plane characters and multi-line spans)
for export tests and benchmarks, and a helper that commits (documents, annotations) as a build."""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from pathlib import Path

from rdflib import Graph

from foedus.model import Annotation, Document, Segment
from foedus.ontology import iris
from foedus.store import commit_build, new_build
from foedus.store.registry import backend
from foedus.store.snapshot import write_snapshot

# (template, [(label, phrase, entity, attributes)]) — phrases are placed where {0}, {1}... stand
_ZH = [
    (
        "{0}认为{1}的威胁正在上升，𠀀这是头等大事。",
        [
            ("ACTOR", "美国", "Q30", {"actor": "usa", "type": "state"}),
            (
                "THREAT",
                "苏联",
                None,
                {
                    "source": "Q15180",
                    "target": "Q30",
                    "intensity": "high",
                    "direction": "rising",
                    "region": "asia",
                    "cue": "上升",
                    "walt": ["offensive-power"],
                    "date": "1950",
                },
            ),
        ],
    ),
    (
        "1954年，{0}与{1}签订条约😀，\n双方{2}。",
        [
            ("ACTOR", "美国", "Q30", {"actor": "usa", "type": "state"}),
            ("ACTOR", "中华民国", "Q865", {"actor": "roc", "type": "state"}),
            (
                "OBLIGATION",
                "应采取行动\n以应付共同危险",
                None,
                {
                    "type": "defense",
                    "strength": "weak",
                    "article": "5",
                    "treaty": "sino-american-1954",
                    "parties": ["Q30", "Q865"],
                },
            ),
        ],
    ),
]
_EN = [
    (
        "In {0} the {1} faced {2} in Asia 😀.",
        [
            ("DATE", "1950", None, {"value": "1950", "precision": "year"}),
            ("ACTOR", "United States", "Q30", {"actor": "usa", "type": "state"}),
            (
                "THREAT",
                "weak threats",
                None,
                {
                    "source": None,
                    "target": "Q30",
                    "intensity": "low",
                    "direction": "stable",
                    "region": "asia",
                    "cue": "weak threats",
                },
            ),
        ],
    ),
    (
        "The Parties {0}\nagainst one of them.",
        [
            (
                "OBLIGATION",
                "agree that\nan armed attack",
                None,
                {
                    "type": "defense",
                    "strength": "strong",
                    "article": "5",
                    "treaty": "nato-1949",
                    "parties": ["Q30", "Q16", "Q145"],
                },
            ),
        ],
    ),
]


def synthetic_document(n: int, rng: random.Random | None = None) -> tuple[Document, list[Annotation]]:
    """Document `synthetic-{n}`: a few sentences in one language, every phrase annotated."""
    rng = rng or random.Random(n)
    lang = "zh" if n % 2 == 0 else "en"
    templates = _ZH if lang == "zh" else _EN
    text, anns = "", []
    for _ in range(rng.randint(2, 6)):
        template, phrases = templates[rng.randrange(len(templates))]
        pieces = template.split("{")
        text += pieces[0]
        for piece in pieces[1:]:
            index, rest = piece.split("}", 1)
            label, phrase, entity, attrs = phrases[int(index)]
            start = len(text)
            text += phrase
            anns.append(
                Annotation(
                    f"synthetic-{n}",
                    start,
                    len(text),
                    phrase,
                    label,
                    entity,
                    dict(attrs),
                    rule=f"synthetic.{label.lower()}",
                    annotator="foedus.synthetic/1",
                    confidence=0.9,
                    lang=lang,
                )
            )
            text += rest
        text += "\n" if lang == "zh" else " "
    doc = Document(
        f"synthetic-{n}",
        "other",
        text,
        metadata={"languages": [lang], "title": {"en": f"Synthetic {n}"}},
        segments=[Segment(0, len(text), lang)],
    )
    return doc, anns


def synthetic_corpus(count: int, seed: int = 0) -> Iterator[tuple[Document, list[Annotation]]]:
    rng = random.Random(seed)
    for n in range(count):
        yield synthetic_document(n, rng)


def commit_store(
    store_dir: Path, items: Iterable[tuple[Document, list[Annotation]]], graph: Graph | None = None
) -> Path:
    """Write `items` as a build of `store_dir` (snapshot; `graph` in the corpus graph); make it current."""
    build = new_build(store_dir)
    write_snapshot(build, items)
    store = backend("oxigraph")(build / "graph")
    try:
        if graph is not None:
            store.replace_graph(iris.CORPUS_GRAPH, graph)
    finally:
        store.close()
    commit_build(store_dir, build)
    return build
