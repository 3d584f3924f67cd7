"""A small synthetic corpus of the real shape, for the ontology and derivation tests.

`synthetic_corpus(scale)` gives `scale` copies of: a book with dated THREAT and CLAIM
annotations, one multilateral and one bilateral treaty text with OBLIGATION
annotations, and two cases (a high-threat year and a low-threat year).  Nothing here
is read from the real corpus.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from foedus.corpus.cases import Case, Proposal
from foedus.corpus.catalogue import Catalogue, CatalogueEntry
from foedus.model import Annotation, Document, PageBreak, Segment, StructureNode

BOOK_SENTENCES = [
    ("In 1950 the Soviet threat to Asia was rising sharply. ", "THREAT", "high", "rising", "1950"),
    ("By 1950 communist pressure on the region grew. ", "THREAT", "high", "stable", "1950"),
    ("In 1960 the threat in Asia had decreased. ", "THREAT", "low", "falling", "1960"),
    ("In 1960 the danger seemed weak. ", "THREAT", "low", "stable", "1960"),
    ("The United States was then in a domain of losses. ", "CLAIM", "losses", None, "1950"),
    ("The United States was then in a domain of gains. ", "CLAIM", "gains", None, "1960"),
]
TREATY_TEXT = "Article 1\nThe Parties shall act forthwith to meet the common danger.\n"


@dataclass
class SyntheticCorpus:
    catalogue: Catalogue
    cases: list[Case]
    documents: list[tuple[Document, list[Annotation]]]
    gazetteer: list[dict]


def _book(copy: int) -> tuple[Document, list[Annotation]]:
    doc_id = f"syn-book-{copy}"
    text, anns = "", []
    for sentence, label, value, direction, date in BOOK_SENTENCES:
        start = len(text)
        text += sentence
        end = start + len(sentence) - 1
        if label == "THREAT":
            attrs = {
                "source": "Q15180",
                "target": "Q30",
                "region": "asia",
                "direction": direction,
                "intensity": value,
                "date": date,
                "walt": ["aggressive-intentions"],
            }
        else:
            attrs = {"about": "domain", "value": value, "subject": "Q30", "date": date, "region": "asia"}
        anns.append(
            Annotation(
                doc_id,
                start,
                end,
                text[start:end],
                label,
                attributes=attrs,
                rule=f"syn-{label.lower()}",
                annotator="foedus.synthetic/1",
                confidence=0.9,
                lang="en",
            )
        )
    chapter = StructureNode(
        "chapter",
        0,
        len(text),
        id="ch1",
        number="1",
        title="Synthetic chapter",
        titles={"en": "Synthetic chapter", "zh": "合成章"},
        page=1,
        lang="en",
    )
    doc = Document(
        doc_id,
        "book",
        text,
        metadata={"title": {"en": "Synthetic book"}},
        segments=[Segment(0, len(text), "en")],
        structure=[chapter],
        page_breaks=[PageBreak(0, 1)],
    )
    return doc, anns


def _treaty(copy: int, work: str, strength: str) -> tuple[Document, list[Annotation]]:
    doc_id = f"{work}.en"
    start = TREATY_TEXT.index("The Parties")
    end = len(TREATY_TEXT) - 2
    article = StructureNode("article", 0, len(TREATY_TEXT) - 1, id="art1", number="1", lang="en")
    doc = Document(
        doc_id,
        "treaty",
        TREATY_TEXT,
        metadata={"work": work},
        segments=[Segment(0, len(TREATY_TEXT), "en")],
        structure=[article],
    )
    ann = Annotation(
        doc_id,
        start,
        end,
        TREATY_TEXT[start:end],
        "OBLIGATION",
        attributes={
            "type": "defense",
            "strength": strength,
            "modal": "shall",
            "strength_cues": ["forthwith"],
            "article": "1",
            "treaty": work,
            "conditions": [{"kind": "constitutional-processes", "text": "x"}],
        },
        rule="syn-obligation",
        annotator="foedus.synthetic/1",
        confidence=1.0,
        lang="en",
    )
    return doc, [ann]


def _entry(doc_id: str, kind: str, work: str | None, parties: list[str], date: str) -> CatalogueEntry:
    return CatalogueEntry(
        id=doc_id,
        kind=kind,
        format="text",
        path=f"synthetic/{doc_id}.txt",
        languages=["en"],
        title={"en": doc_id, "zh": f"合成{doc_id}"},
        date=date,
        work=work,
        parties=parties,
        provenance={"completeness": "complete"},
    )


def synthetic_corpus(scale: int = 1) -> SyntheticCorpus:
    entries, cases, docs = [], [], []
    for copy in range(scale):
        multi, bi = f"syn-multi-{copy}", f"syn-bi-{copy}"
        docs += [_book(copy), _treaty(copy, multi, "strong"), _treaty(copy, bi, "weak")]
        entries += [
            _entry(f"syn-book-{copy}", "book", None, [], "2012"),
            _entry(f"{multi}.en", "treaty", multi, ["Q30", "Q408", "Q664"], "1950-09-01"),
            _entry(f"{bi}.en", "treaty", bi, ["Q30", "Q928"], "1960-08-30"),
        ]
        proposal = Proposal(
            f"syn-pact-{copy}",
            {"en": "Synthetic pact", "zh": "合成公约"},
            "Q30",
            "multilateral",
            "strong",
            "1950-03",
            outcome="rejected",
            opposed_by=["Q145"],
            source={"document": f"syn-book-{copy}", "section": "ch1"},
        )
        source = {"document": f"syn-book-{copy}", "section": "ch1", "pages": "1"}
        cases += [
            Case(
                f"syn-high-{copy}",
                "Q30",
                "asia",
                "1950-01-01",
                "1950-12-31",
                {"en": "High-threat year", "zh": "高威胁年"},
                source,
                [proposal],
                formed=[multi],
            ),
            Case(
                f"syn-low-{copy}",
                "Q30",
                "asia",
                "1960-01-01",
                "1960-12-31",
                {"en": "Low-threat year", "zh": "低威胁年"},
                source,
                formed=[bi],
            ),
            Case(
                f"syn-empty-{copy}",
                "Q30",
                "europe",
                "1970-01-01",
                "1970-12-31",
                {"en": "No evidence", "zh": "无证据"},
                source,
            ),
        ]
    gazetteer = [
        {
            "id": "usa",
            "qid": "Q30",
            "type": "state",
            "zh": ["美国"],
            "en": ["United States"],
            "en_cased": ["US"],
        },
        {
            "id": "ussr",
            "qid": "Q15180",
            "type": "state",
            "zh": ["苏联"],
            "en": ["Soviet Union"],
            "valid": [1922, 1991],
        },
    ]
    return SyntheticCorpus(Catalogue(entries, Path("synthetic-catalogue.toml")), cases, docs, gazetteer)
