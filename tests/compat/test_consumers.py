"""Loads Article Annotator's exports with the tools they are for, installed from PyPI by
scripts/compat.sh, and checks that every span comes back with the same label and the same
covered text. EXPORT_DIR holds what `cargo run --example export_fixtures` wrote, with a
manifest.json saying what each file must hold. No test touches the network.
"""

import json
import os
import pathlib
import zipfile

import pytest

EXPORT_DIR = pathlib.Path(os.environ["EXPORT_DIR"])
HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent.parent
MANIFEST = json.loads((EXPORT_DIR / "manifest.json").read_text(encoding="utf-8"))
DOCS = {d["name"]: d for d in MANIFEST}
NAMES = sorted(DOCS)

# Spans that do not fall on spaCy's English token boundaries, and why. Anything else that
# `char_span(..., alignment_mode="strict")` returns None for is a failure.
NOT_WORD_ALIGNED_FOR_SPACY = {
    ("unicode", "習近平"): "spaCy's English tokenizer does not split Chinese text into words",
}


def export_path(doc, kind):
    (path,) = doc["exports"][kind]["files"]
    return EXPORT_DIR / path


def expected(doc, kind=None):
    """(label, start, end, text) of every span the export of `kind` must hold."""
    lost = {l["id"] for l in doc["exports"][kind]["lost_spans"]} if kind else set()
    return sorted((s["label"], s["start"], s["end"], s["text"]) for s in doc["spans"] if s["id"] not in lost)


def read_exact(path):
    """A text file exactly as written: no newline translation."""
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


# --- jsonschema: the native export, both offset units -----------------------------------


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("kind", ["native", "native_utf16"])
def test_native_export_is_schema_valid(name, kind):
    import jsonschema

    schema = json.loads((REPO / "schema" / "article-annotator.v1.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(export_path(DOCS[name], kind).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    (d,) = data["documents"]
    text = d["text"]
    got = []
    for a in d["annotations"]:
        if data["offset_unit"] == "utf16":
            units = text.encode("utf-16-le")
            covered = units[2 * a["start"] : 2 * a["end"]].decode("utf-16-le")
        else:
            covered = text[a["start"] : a["end"]]
        assert covered == a["text"]
        got.append((a["label"], covered))
    assert sorted(got) == sorted((s["label"], s["text"]) for s in DOCS[name]["spans"])


# --- spaCy 3.8: char_span strict, doc.spans["sc"], DocBin ---------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_spacy_char_span_and_docbin(name):
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    doc_info = DOCS[name]
    (line,) = export_path(doc_info, "jsonl").read_text(encoding="utf-8").splitlines()
    eg = json.loads(line)
    doc = nlp.make_doc(eg["text"])
    spans, off_grid = [], []
    for s in eg["spans"]:
        span = doc.char_span(s["start"], s["end"], label=s["label"], alignment_mode="strict")
        if span is None:
            assert (name, s["text"]) in NOT_WORD_ALIGNED_FOR_SPACY, f"{s} does not align with spaCy's tokens"
            assert doc.text[s["start"] : s["end"]] == s["text"]
            off_grid.append((s["label"], s["start"], s["end"], s["text"]))
            continue
        assert span.text == s["text"]
        spans.append(span)
    doc.spans["sc"] = spans  # overlapping and nested spans are fine here, unlike doc.ents
    db = DocBin(store_user_data=True)
    db.add(doc)
    (back,) = DocBin().from_bytes(db.to_bytes()).get_docs(nlp.vocab)
    got = sorted((sp.label_, sp.start_char, sp.end_char, sp.text) for sp in back.spans["sc"])
    assert sorted(got + off_grid) == expected(doc_info)
    assert back.text == doc_info["text"]


# --- Hugging Face datasets: the JSONL as is, and CoNLL as tokens + ner_tags -----------------


@pytest.mark.parametrize("name", NAMES)
def test_datasets_loads_the_jsonl(name, tmp_path):
    from datasets import load_dataset

    ds = load_dataset("json", data_files=str(export_path(DOCS[name], "jsonl")), split="train", cache_dir=str(tmp_path))
    assert len(ds) == 1
    row = ds[0]
    assert row["text"] == DOCS[name]["text"]
    assert row["meta"]["title"] == DOCS[name]["title"]
    got = sorted((s["label"], s["start"], s["end"], row["text"][s["start"] : s["end"]]) for s in row["spans"])
    assert got == expected(DOCS[name])
    assert all(row["text"][s["start"] : s["end"]] == s["text"] for s in row["spans"])


def read_conll(path):
    """Blocks of (tokens, tags), split on blank lines and -DOCSTART- as CoNLL readers do."""
    blocks, tokens, tags = [], [], []
    for line in read_exact(path).split("\n"):
        cols = line.split()
        if not cols or cols[0] == "-DOCSTART-":
            if tokens:
                blocks.append((tokens, tags))
            tokens, tags = [], []
            continue
        tokens.append(cols[0])
        tags.append(cols[-1])
    if tokens:
        blocks.append((tokens, tags))
    return blocks


@pytest.mark.parametrize("name", NAMES)
def test_datasets_token_classification_from_conll(name):
    from datasets import ClassLabel, Dataset, Features, Sequence, Value

    doc = DOCS[name]
    names = ["O"] + [f"{p}-{l.replace(' ', '_')}" for l in doc["labels"] for p in ("B", "I")]
    features = Features({"id": Value("string"), "tokens": Sequence(Value("string")), "ner_tags": Sequence(ClassLabel(names=names))})
    blocks = read_conll(export_path(doc, "conll"))
    assert len(blocks) == 1, "one document, one block"
    tokens, tags = blocks[0]
    ds = Dataset.from_dict({"id": ["0"], "tokens": [tokens], "ner_tags": [tags]}, features=features)
    label = ds.features["ner_tags"].feature
    row = ds[0]
    assert row["tokens"] == tokens
    decoded = [label.int2str(i) for i in row["ner_tags"]]
    assert decoded == tags
    # Read the spans back from the tags and compare their words with the covered text.
    got, open_span = [], None
    for i, tag in enumerate(decoded + ["O"]):
        if open_span and not (tag.startswith("I-") and tag[2:] == open_span[0]):
            got.append((open_span[0], "".join(tokens[open_span[1] : i])))
            open_span = None
        if tag.startswith("B-"):
            open_span = (tag[2:], i)
    want = sorted((l.replace(" ", "_"), "".join(t.split())) for (l, _, _, t) in expected(doc, "conll"))
    assert sorted(got) == want
    lost = doc["exports"]["conll"]["lost_spans"]
    assert len(got) + len(lost) == len(doc["spans"]), "every span is either in the file or reported"
    if lost:
        note = doc["exports"]["conll"]["dropped"][0]
        assert note.startswith(f"{len(lost)} of {len(doc['spans'])} annotations")
        spans = {s["id"]: s for s in doc["spans"]}
        for l in lost:
            assert f"({spans[l['id']]['start']}–{spans[l['id']]['end']}): {l['why']}" in note, "each dropped span is named"


# --- brat: our zip, unzipped by zipfile, parsed by pybrat -----------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_pybrat_reads_the_standoff_pair(name, tmp_path):
    from pybrat.parser import BratParser

    doc = DOCS[name]
    zpath = export_path(doc, "brat")
    with zipfile.ZipFile(zpath) as z:
        assert z.testzip() is None, "every CRC-32 checks out"
        names = z.namelist()
        assert all(i.compress_type == zipfile.ZIP_STORED for i in z.infolist())
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in z.infolist()), "a fixed timestamp"
        for i in z.infolist():
            # Without the UTF-8 flag zipfile would read the name as code page 437.
            assert i.filename.isascii() or i.flag_bits & 0x800, f"{i.filename} is flagged UTF-8"
        z.extractall(tmp_path)
    stems = {n.rsplit(".", 1)[0] for n in names if n.endswith((".txt", ".ann"))}
    assert len(stems) == 1 and {"annotation.conf", "visual.conf"} <= set(names)
    (stem,) = stems
    (example,) = BratParser(error="raise").parse(tmp_path)
    exact = read_exact(tmp_path / f"{stem}.txt")
    assert exact == doc["text"]
    # pybrat opens the .txt in text mode, which turns CRLF into LF; brat itself does not.
    # Offsets count the file's code points as written, so check them against the exact text.
    assert example.text == doc["text"].replace("\r\n", "\n")
    got = []
    for e in example.entities:
        (span,) = e.spans
        covered = exact[span.start : span.end]
        assert e.mention == covered.replace("\r", " ").replace("\n", " ").rstrip()
        got.append((e.type, span.start, span.end, covered))
    assert sorted(got) == expected(doc)


# --- W3C Web Annotation: pyld expands it with the context stored in the repository ----------

OA = "http://www.w3.org/ns/oa#"
RDF_VALUE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#value"
AS = "http://www.w3.org/ns/activitystreams#"


def local_loader(url, options=None):
    if url.rstrip("/") not in ("http://www.w3.org/ns/anno.jsonld", "https://www.w3.org/ns/anno.jsonld"):
        raise RuntimeError(f"the tests never fetch {url}")
    document = json.loads((HERE / "anno.jsonld").read_text(encoding="utf-8"))
    return {"contextUrl": None, "documentUrl": url, "document": document}


@pytest.mark.parametrize("name", NAMES)
def test_pyld_expands_the_w3c_export(name):
    from pyld import jsonld

    doc = DOCS[name]
    data = json.loads(export_path(doc, "w3c").read_text(encoding="utf-8"))
    (coll,) = jsonld.expand(data, {"documentLoader": local_loader})
    assert coll["@type"] == [AS + "OrderedCollection"]
    (source,) = coll["@included"]
    text = source[RDF_VALUE][0]["@value"]
    assert text == doc["text"]
    (page,) = coll[AS + "first"]
    (items,) = page[AS + "items"]
    got = []
    for anno in items["@list"]:
        assert anno["@type"] == [OA + "Annotation"]
        assert anno[OA + "motivatedBy"] == [{"@id": OA + "tagging"}]
        (body,) = anno[OA + "hasBody"]
        assert body["@type"] == [OA + "TextualBody"] and body[OA + "hasPurpose"] == [{"@id": OA + "tagging"}]
        (target,) = anno[OA + "hasTarget"]
        assert target[OA + "hasSource"] == [{"@id": source["@id"]}]
        selectors = {s["@type"][0]: s for s in target[OA + "hasSelector"]}
        pos = selectors[OA + "TextPositionSelector"]
        start, end = int(pos[OA + "start"][0]["@value"]), int(pos[OA + "end"][0]["@value"])
        exact = selectors[OA + "TextQuoteSelector"][OA + "exact"][0]["@value"]
        assert text[start:end] == exact
        got.append((body[RDF_VALUE][0]["@value"], start, end, exact))
    assert sorted(got) == expected(doc)
    assert int(coll[AS + "totalItems"][0]["@value"]) == len(got)


# --- doccano and Label Studio: their offsets, read the way their Python code reads them ------


@pytest.mark.parametrize("name", NAMES)
def test_doccano_and_label_studio_offsets(name):
    doc = DOCS[name]
    (line,) = export_path(doc, "doccano").read_text(encoding="utf-8").splitlines()
    eg = json.loads(line)
    assert sorted((l, s, e, eg["text"][s:e]) for s, e, l in eg["label"]) == expected(doc)
    (task,) = json.loads(export_path(doc, "label_studio").read_text(encoding="utf-8"))
    text = task["data"]["text"]
    (ann,) = task["annotations"]
    got = []
    for r in ann["result"]:
        v = r["value"]
        assert text[v["start"] : v["end"]] == v["text"]
        (label,) = v["labels"]
        got.append((label, v["start"], v["end"], v["text"]))
    assert sorted(got) == expected(doc)
