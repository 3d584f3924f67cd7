"""Exports checked by their real consumers: spaCy, rdflib, pyld, dkpro-cassis, pandas, and an
independent brat standoff parser; offsets checked character by character in zh and en."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDFS

from foedus.export import FORMATS, export
from foedus.export.job import ExportError
from foedus.export.offsets import Utf16Index, line_fragments
from foedus.export.synthetic import commit_store, synthetic_corpus
from foedus.model import Annotation, Document, Segment

NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ASTRAL_TEXT = "𠀀美国与😀日本\n签订条约。The United\nStates 👍🏽 agreed."


def astral_document() -> tuple[Document, list[Annotation]]:
    """A document with characters outside the BMP before, inside and after annotations."""
    text = ASTRAL_TEXT

    def ann(phrase: str, label: str, entity: str | None = None, occurrence: int = 0) -> Annotation:
        start = text.index(phrase)
        return Annotation(
            "astral",
            start,
            start + len(phrase),
            phrase,
            label,
            entity,
            {"intensity": "high"} if label == "THREAT" else {},
            rule="t",
            lang="zh",
        )

    anns = [
        ann("美国", "ACTOR", "Q30"),
        ann("😀日本\n签订", "THREAT"),
        ann("日本", "ACTOR", "Q17"),
        ann("United\nStates 👍🏽", "ACTOR", "Q30"),
        ann("签订条约", "EVENT"),
    ]
    doc = Document(
        "astral",
        "other",
        text,
        metadata={"languages": ["zh", "en"]},
        segments=[Segment(0, text.index("The"), "zh"), Segment(text.index("The"), len(text), "en")],
    )
    return doc, anns


@pytest.fixture(scope="module")
def corpus() -> list[tuple[Document, list[Annotation]]]:
    return [*synthetic_corpus(6), astral_document()]


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory, corpus: list) -> Path:
    store = tmp_path_factory.mktemp("store")
    g = Graph()
    actor = URIRef("https://w3id.org/foedus/id/actor/Q30")
    g.add((actor, RDFS.label, Literal("美国", lang="zh-Hans")))
    g.add((actor, RDFS.label, Literal("United States", lang="en")))
    commit_store(store, corpus, g)
    return store


@pytest.fixture(scope="module")
def texts(corpus: list) -> dict[str, str]:
    return {doc.id: doc.text for doc, _ in corpus}


@pytest.fixture(scope="module")
def annotations(corpus: list) -> dict[str, list[Annotation]]:
    return {doc.id: anns for doc, anns in corpus}


def run(fmt: str, store_dir: Path, tmp_path: Path, documents: list[str] | None = None):
    out = tmp_path / fmt
    return export(fmt, store_dir, out, documents), out


def test_every_format_is_registered_with_a_description_and_a_writer() -> None:
    expected = {
        "webannotation",
        "nif",
        "brat",
        "xmi",
        "docbin",
        "jsonl",
        "labelstudio",
        "conll",
        "csv",
        "parquet",
        "turtle",
        "nquads",
        "jsonld",
    }
    assert expected <= set(FORMATS)
    for name, exp in FORMATS.items():
        assert exp.description and callable(exp.load()), name


def test_unknown_format_and_unknown_document_are_clear_errors(store_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown export format"):
        export("docx", store_dir, tmp_path)
    with pytest.raises(ExportError, match="no-such-doc"):
        export("brat", store_dir, tmp_path, documents=["no-such-doc"])


# --- brat: checked by a parser written from the published standoff format ------------------

_BRAT_T = re.compile(r"^T\d+\t[A-Za-z_][\w-]*( \d+ \d+(;\d+ \d+)*)\t")


def read_brat(ann_text: str) -> dict[str, dict]:
    """Independent reader: `T<n> TAB type start end[;start end]* TAB text`, `A<n> TAB name T<n> [value]`,
    `N<n> TAB Reference T<n> db:id TAB text`, `#<n> TAB AnnotatorNotes T<n> TAB note`."""
    out: dict[str, dict] = {}
    for line in ann_text.split("\n"):
        if not line:
            continue
        fields = line.split("\t")
        kind = fields[0][0]
        if kind == "T":
            assert _BRAT_T.match(line), line
            label, *offsets = fields[1].split(" ", 1)
            frags = [tuple(int(x) for x in part.split(" ")) for part in offsets[0].split(";")]
            out[fields[0]] = {"label": label, "frags": frags, "text": fields[2], "attrs": {}, "norm": None}
        elif kind == "A":
            name, target, *value = fields[1].split(" ")
            out[target]["attrs"][name] = value[0] if value else True
        elif kind == "N":
            ref, target, dbid = fields[1].split(" ")
            assert ref == "Reference"
            out[target]["norm"] = dbid
        else:
            assert kind == "#" and fields[1].startswith("AnnotatorNotes T")
    return out


def test_brat_offsets_are_code_points_and_spans_never_cross_a_line(
    store_dir: Path, tmp_path: Path, texts: dict[str, str], annotations: dict[str, list[Annotation]]
) -> None:
    report, out = run("brat", store_dir, tmp_path)
    assert report.documents == len(texts)
    assert report.counts["multi-fragment spans"] > 0
    for doc_id, text in texts.items():
        assert (out / f"{doc_id}.txt").read_text(encoding="utf-8") == text
        parsed = read_brat((out / f"{doc_id}.ann").read_text(encoding="utf-8"))
        assert len(parsed) == len(annotations[doc_id])
        got = set()
        for t in parsed.values():
            for s, e in t["frags"]:
                assert "\n" not in text[s:e]
            assert t["text"] == " ".join(text[s:e] for s, e in t["frags"])
            got.add((t["frags"][0][0], t["frags"][-1][1], t["label"], t["norm"]))
        want = {
            (a.start, a.end, a.label, f"Wikidata:{a.entity}" if a.entity else None)
            for a in annotations[doc_id]
        }
        assert got == want
    astral = read_brat((out / "astral.ann").read_text(encoding="utf-8"))
    threat = next(t for t in astral.values() if t["label"] == "THREAT")
    assert threat["frags"] == [(4, 7), (8, 10)] and threat["text"] == "😀日本 签订"
    assert threat["attrs"] == {"intensity": "high"}
    conf = (out / "annotation.conf").read_text(encoding="utf-8")
    assert "<OVERLAP>" in conf and re.search(r"^intensity\tArg:THREAT, Value:high\|low$", conf, re.M)


# --- Web Annotation --------------------------------------------------------------------------

# The terms of http://www.w3.org/ns/anno.jsonld that the export uses, mapped as the W3C context
# maps them (no network here).
ANNO_CONTEXT = {
    "@context": {
        "oa": "http://www.w3.org/ns/oa#",
        "dc": "http://purl.org/dc/terms/",
        "as": "http://www.w3.org/ns/activitystreams#",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "id": "@id",
        "type": "@type",
        "Annotation": "oa:Annotation",
        "TextualBody": "oa:TextualBody",
        "Software": "as:Application",
        "TextQuoteSelector": "oa:TextQuoteSelector",
        "TextPositionSelector": "oa:TextPositionSelector",
        "AnnotationCollection": "as:OrderedCollection",
        "AnnotationPage": "as:OrderedCollectionPage",
        "body": {"@type": "@id", "@id": "oa:hasBody"},
        "target": {"@type": "@id", "@id": "oa:hasTarget"},
        "source": {"@type": "@id", "@id": "oa:hasSource"},
        "selector": {"@type": "@id", "@id": "oa:hasSelector"},
        "motivation": {"@type": "@vocab", "@id": "oa:motivatedBy"},
        "purpose": {"@type": "@vocab", "@id": "oa:hasPurpose"},
        "classifying": "oa:classifying",
        "identifying": "oa:identifying",
        "describing": "oa:describing",
        "value": "rdf:value",
        "format": "dc:format",
        "exact": "oa:exact",
        "prefix": "oa:prefix",
        "suffix": "oa:suffix",
        "start": {"@id": "oa:start", "@type": "xsd:nonNegativeInteger"},
        "end": {"@id": "oa:end", "@type": "xsd:nonNegativeInteger"},
        "label": "rdfs:label",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "name": "as:name",
        "generator": {"@type": "@id", "@id": "as:generator"},
        "total": {"@id": "as:totalItems"},
        "first": {"@type": "@id", "@id": "as:first"},
        "startIndex": {"@id": "as:startIndex"},
        "items": {"@id": "as:items", "@type": "@id", "@container": "@list"},
    }
}


def _offline_context(data: dict) -> dict:
    data = dict(data)
    data["@context"] = [
        ANNO_CONTEXT["@context"] if c == "http://www.w3.org/ns/anno.jsonld" else c for c in data["@context"]
    ]
    return data


def test_webannotation_parses_as_rdf_and_both_offset_conventions_hold(
    store_dir: Path, tmp_path: Path, texts: dict[str, str]
) -> None:
    from pyld import jsonld

    report, out = run("webannotation", store_dir, tmp_path)
    for doc_id, text in texts.items():
        data = json.loads((out / f"{doc_id}.jsonld").read_text(encoding="utf-8"))
        assert data["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
        items = data["first"]["items"]
        assert data["total"] == len(items)
        utf16 = text.encode("utf-16-le")
        for item in items:
            quote, pos = item["target"]["selector"]
            assert text[pos["start"] : pos["end"]] == quote["exact"]
            assert text[: pos["start"]].endswith(quote["prefix"]) and text[pos["end"] :].startswith(
                quote["suffix"]
            )
            units = utf16[2 * pos["utf16Start"] : 2 * pos["utf16End"]].decode("utf-16-le")
            assert units == quote["exact"]
        offline = _offline_context(data)
        expanded = jsonld.expand(offline)
        assert expanded and expanded[0]["@type"] == ["http://www.w3.org/ns/activitystreams#OrderedCollection"]
        g = Graph().parse(data=json.dumps(offline), format="json-ld")
        oa = Namespace("http://www.w3.org/ns/oa#")
        exacts = {str(o) for o in g.objects(None, oa.exact)}
        assert exacts == {i["target"]["selector"][0]["exact"] for i in items}
    astral = json.loads((out / "astral.jsonld").read_text(encoding="utf-8"))["first"]["items"]
    us = next(i for i in astral if i["target"]["selector"][0]["exact"].startswith("United"))
    pos = us["target"]["selector"][1]
    # three astral characters (𠀀 😀 and none inside) precede the span: UTF-16 is two units further
    assert pos["utf16Start"] - pos["start"] == 2 and pos["utf16End"] - pos["end"] == 4


# --- NIF ---------------------------------------------------------------------------------------


def test_nif_phrases_anchor_in_the_context_string(
    store_dir: Path, tmp_path: Path, texts: dict[str, str]
) -> None:
    report, out = run("nif", store_dir, tmp_path)
    for doc_id, text in texts.items():
        g = Graph().parse(out / f"{doc_id}.ttl", format="turtle")
        (ctx,) = list(g.subjects(None, NIF.Context))
        assert str(g.value(ctx, NIF.isString)) == text
        assert str(ctx).endswith(f"#char=0,{len(text)}")
        phrases = list(g.subjects(None, NIF.Phrase))
        assert phrases
        for p in phrases:
            b, e = int(g.value(p, NIF.beginIndex)), int(g.value(p, NIF.endIndex))
            assert str(p).endswith(f"#char={b},{e}")
            assert str(g.value(p, NIF.anchorOf)) == text[b:e]
            assert g.value(p, NIF.referenceContext) == ctx


# --- XMI ---------------------------------------------------------------------------------------


def test_xmi_reads_back_in_cassis_with_matching_covered_text(
    store_dir: Path, tmp_path: Path, texts: dict[str, str], annotations: dict[str, list[Annotation]]
) -> None:
    from cassis import load_cas_from_xmi, load_typesystem

    report, out = run("xmi", store_dir, tmp_path)
    with (out / "TypeSystem.xml").open("rb") as fh:
        ts = load_typesystem(fh)
    for doc_id, text in texts.items():
        with (out / f"{doc_id}.xmi").open("rb") as fh:
            cas = load_cas_from_xmi(fh, typesystem=ts)
        assert cas.sofa_string == text
        got = {(a.begin, a.end, a.label, a.get_covered_text()) for a in cas.select("foedus.Annotation")}
        assert got == {(a.start, a.end, a.label, a.text) for a in annotations[doc_id]}
        tokens = cas.select("de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token")
        assert "".join(t.get_covered_text() for t in tokens) == "".join(text.split())
    # in the file itself offsets are UTF-16 (what Java UIMA and INCEpTION read)
    raw = (out / "astral.xmi").read_text(encoding="utf-8")
    us = ASTRAL_TEXT.index("United")
    us_end = us + len("United\nStates 👍🏽")
    assert f'begin="{us + 2}" end="{us_end + 4}"' in raw


# --- spaCy DocBin, JSONL, Label Studio, CoNLL --------------------------------------------------


def test_docbin_spans_read_by_spacy_equal_the_annotations(
    store_dir: Path, tmp_path: Path, annotations: dict[str, list[Annotation]]
) -> None:
    import spacy
    from spacy.tokens import DocBin

    report, out = run("docbin", store_dir, tmp_path)
    nlp = spacy.blank("en")
    docs = []
    for path in sorted(out.glob("*.spacy")):
        docs += list(DocBin().from_disk(path).get_docs(nlp.vocab))
    assert len(docs) == len(annotations)
    snapped = 0
    for sdoc in docs:
        anns = annotations[sdoc.user_data["foedus_document"]]
        spans = sdoc.spans["foedus"]
        assert len(spans) == len(anns)
        wanted = {(a.start, a.end, a.label, a.entity or "") for a in anns}
        for span in spans:
            key = (span.start_char, span.end_char, span.label_, span.kb_id_)
            if key not in wanted:
                snapped += 1
                assert any(
                    span.start_char <= a.start and a.end <= span.end_char
                    for a in anns
                    if a.label == span.label_
                )
            else:
                assert span.text == sdoc.text[span.start_char : span.end_char]
        assert all(e.label_ == "ACTOR" for e in sdoc.ents)
        assert {(a.start, a.end, a.text) for a in anns if a.label == "ACTOR"} >= {
            (e.start_char, e.end_char, e.text) for e in sdoc.ents
        }
    assert snapped == report.counts["snapped spans"]
    astral = next(d for d in docs if d.user_data["foedus_document"] == "astral")
    assert "日本" in {s.text for s in astral.spans["foedus"] if s.label_ == "ACTOR"}
    # jieba keeps 𠀀美国与 as one token: 美国 is snapped outwards, and the original offsets are kept
    assert (0, 4, 1, 3) in {tuple(x) for x in astral.user_data["foedus_snapped"]}


def test_jsonl_token_indices_cover_each_span(store_dir: Path, tmp_path: Path, texts: dict[str, str]) -> None:
    report, out = run("jsonl", store_dir, tmp_path)
    tasks = [json.loads(line) for line in (out / "foedus.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {t["meta"]["document"] for t in tasks} == set(texts)
    for task in tasks:
        text = texts[task["meta"]["document"]]
        assert task["text"] == text
        for tok in task["tokens"]:
            assert text[tok["start"] : tok["end"]] == tok["text"]
        for span in task["spans"]:
            assert text[span["start"] : span["end"]] == span["text"]
            first, last = task["tokens"][span["token_start"]], task["tokens"][span["token_end"]]
            assert first["start"] <= span["start"] and span["end"] <= last["end"]


def test_labelstudio_offsets_are_utf16(store_dir: Path, tmp_path: Path, texts: dict[str, str]) -> None:
    report, out = run("labelstudio", store_dir, tmp_path)
    tasks = json.loads((out / "foedus-labelstudio.json").read_text(encoding="utf-8"))
    assert len(tasks) == len(texts)
    for task in tasks:
        units = task["data"]["text"].encode("utf-16-le")
        for r in task["predictions"][0]["result"]:
            v = r["value"]
            assert units[2 * v["start"] : 2 * v["end"]].decode("utf-16-le") == v["text"]


def test_conll_bio_columns_rebuild_the_spans(
    store_dir: Path, tmp_path: Path, annotations: dict[str, list[Annotation]]
) -> None:
    report, out = run("conll", store_dir, tmp_path)
    lines = (out / "foedus.conll").read_text(encoding="utf-8").split("\n")
    labels = lines[0].split(" = ")[1].split()[3:]
    found: dict[str, set] = {}
    doc_id, open_spans = None, {}
    for line in lines[1:]:
        if line.startswith("-DOCSTART-"):
            doc_id = line.split("\t")[1]
            found[doc_id] = set()
            continue
        if not line:
            continue
        tok, start, end, *tags = line.split("\t")
        assert len(tags) == len(labels)
        for label, tag in zip(labels, tags, strict=True):
            if tag.startswith("B-"):
                open_spans[label] = [int(start), int(end)]
                found[doc_id].add((label, *open_spans[label]))
            elif tag.startswith("I-"):
                found[doc_id].discard((label, *open_spans[label]))
                open_spans[label][1] = int(end)
                found[doc_id].add((label, *open_spans[label]))
    for doc, anns in annotations.items():
        for label, s, e in found[doc]:  # each BIO span is an annotation, or covers one (snapped to tokens)
            assert any(a.label == label and s <= a.start and a.end <= e for a in anns)
        exact = {(a.label, a.start, a.end) for a in anns} & found[doc]
        assert len(found[doc]) - len(exact) <= report.counts["snapped spans"]
        assert any(label == "ACTOR" for label, *_ in found[doc])
    zh = {(s, e) for label, s, e in found["synthetic-0"] if label == "ACTOR"}
    assert zh and all(2 <= e - s <= 4 for s, e in zh)


# --- tables ------------------------------------------------------------------------------------


def test_csv_and_parquet_tables_read_by_pandas(
    store_dir: Path, tmp_path: Path, annotations: dict[str, list[Annotation]]
) -> None:
    threats = [a for anns in annotations.values() for a in anns if a.label == "THREAT"]
    obligations = [a for anns in annotations.values() for a in anns if a.label == "OBLIGATION"]
    _, csv_out = run("csv", store_dir, tmp_path)
    _, pq_out = run("parquet", store_dir, tmp_path)
    for read, ext in ((pd.read_csv, "csv"), (pd.read_parquet, "parquet")):
        base = csv_out if ext == "csv" else pq_out
        t = read(base / f"threats.{ext}")
        assert len(t) == len(threats)
        assert sorted(t["intensity"]) == sorted(a.attributes["intensity"] for a in threats)
        o = read(base / f"obligations.{ext}")
        assert len(o) == len(obligations) and set(o["treaty"]) == {"nato-1949", "sino-american-1954"}
        actors = read(base / f"actors.{ext}").set_index("entity")
        assert actors.loc["Q30", "mentions"] == sum(
            1 for anns in annotations.values() for a in anns if a.entity == "Q30" and a.label == "ACTOR"
        )
        cases = read(base / f"cases.{ext}")
        assert {"id", "threat_level", "domain", "prediction", "consistent_formed"} <= set(cases.columns)
    pt = pd.read_parquet(pq_out / "obligations.parquet")
    assert list(pt["parties"].iloc[0])[0] == "Q30"


# --- RDF dumps ---------------------------------------------------------------------------------


def test_rdf_dumps_parse_in_rdflib_and_pyld(store_dir: Path, tmp_path: Path) -> None:
    from pyld import jsonld

    _, out = run("turtle", store_dir, tmp_path)
    g = Graph().parse(out / "foedus.ttl", format="turtle")
    assert (None, RDFS.label, Literal("美国", lang="zh-hans")) in g or len(g) == 2
    _, out = run("nquads", store_dir, tmp_path)
    ds = Dataset().parse(out / "foedus.nq", format="nquads")
    assert URIRef("https://w3id.org/foedus/graph/corpus") in {c.identifier for c in ds.contexts()}
    report, out = run("jsonld", store_dir, tmp_path)
    data = json.loads((out / "foedus.jsonld").read_text(encoding="utf-8"))
    quads = jsonld.to_rdf(data, {"format": "application/n-quads"})
    assert quads.count("<https://w3id.org/foedus/graph/corpus>") == report.counts["quads"] == 2
    ds2 = Dataset().parse(data=json.dumps(data), format="json-ld")
    assert len(list(ds2.quads((None, RDFS.label, None, None)))) == 2


def test_export_of_chosen_documents_writes_only_those(store_dir: Path, tmp_path: Path) -> None:
    report, out = run("brat", store_dir, tmp_path, documents=["astral", "synthetic-1"])
    assert report.documents == 2
    assert sorted(p.name for p in out.glob("*.ann")) == ["astral.ann", "synthetic-1.ann"]


# --- offset conversions ------------------------------------------------------------------------


@given(st.text(alphabet=st.sampled_from(list("ab美\n 😀𠀀\r")), max_size=40), st.data())
def test_utf16_index_and_line_fragments_agree_with_python(text: str, data: st.DataObject) -> None:
    index = Utf16Index(text)
    for i in range(len(text) + 1):
        assert index.to_utf16(i) == len(text[:i].encode("utf-16-le")) // 2
        assert index.from_utf16(index.to_utf16(i)) == i
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    frags = line_fragments(text, start, end)
    covered = "".join(text[s:e] for s, e in frags)
    assert all(start <= s < e <= end and "\n" not in text[s:e] and text[s:e].strip() for s, e in frags)
    assert "".join(text[start:end].split()) == "".join(covered.split())


@pytest.mark.slow
def test_real_corpus_exports_anchor_and_round_trip_unchanged(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """The real corpus (ingested and annotated): offsets hold in every document, and importing an
    unchanged brat and Web Annotation export records nothing."""
    from foedus.corpus.catalogue import catalogue_for, find_corpus_root
    from foedus.export import import_corrections
    from foedus.export.curation import load_curated
    from foedus.pipeline import annotate_all, ingest_catalogue

    store = tmp_path_factory.mktemp("real") / "store"
    root = find_corpus_root()
    done, _ = ingest_catalogue(root, catalogue_for(root, None))
    docs = [d for _, d in done]
    corpus = list(zip(docs, annotate_all(docs, load_curated(store)), strict=True))
    assert any(d.lang_at(a.start) == "zh" for d, anns in corpus for a in anns)
    commit_store(store, corpus)
    out = tmp_path_factory.mktemp("real-out")
    export("brat", store, out / "brat")
    export("webannotation", store, out / "wa")
    for doc, anns in corpus:
        parsed = read_brat((out / "brat" / f"{doc.id}.ann").read_text(encoding="utf-8"))
        assert {(t["frags"][0][0], t["frags"][-1][1], t["label"]) for t in parsed.values()} == {
            (a.start, a.end, a.label) for a in anns
        }
        for t in parsed.values():
            assert t["text"] == " ".join(doc.text[s:e] for s, e in t["frags"])
    for fmt in ("brat", "wa"):
        report = import_corrections(out / fmt, store, who="nobody")
        assert (report.added, report.changed, report.deleted, report.written) == (0, 0, 0, None)
        assert report.unchanged == sum(len(a) for _, a in corpus)
