"""Attributes, notes and relations (issue 12) read back by the real consumers: pybrat reads the
`R` lines of our brat export to the same spans (pybrat 0.1.7 skips `A` lines, so those are
read here, each target looked up among pybrat's entities); Hugging Face `datasets` loads the
JSONL with its relations, attributes and notes; the Label Studio export round-trips through
the app's command line (`annotate convert`) to the same document; and the native export
validates against the JSON Schema. EXPORT_DIR/qualified.json says what the document holds
and what each export left out. No test touches the network.
"""

import json
import os
import pathlib
import subprocess
import zipfile

EXPORT_DIR = pathlib.Path(os.environ["EXPORT_DIR"])
REPO = pathlib.Path(__file__).resolve().parent.parent.parent
ANNOTATE = os.environ["ANNOTATE_BIN"]
DOC = json.loads((EXPORT_DIR / "qualified.json").read_text(encoding="utf-8"))
TEXT = DOC["text"]
SPANS = {s["id"]: s for s in DOC["spans"]}


def export_path(kind):
    (path,) = DOC["exports"][kind]["files"]
    return EXPORT_DIR / path


def covered(start, end):
    return TEXT[start:end]


def expected_links():
    """(type, from text, to text) of every relation."""
    return sorted((r["type"], SPANS[r["from"]]["text"], SPANS[r["to"]]["text"]) for r in DOC["relations"])


def seen(spans):
    """(label, start, end, {attribute: value as text}, note) per span, as the user sees it."""
    return sorted((s["label"], s["start"], s["end"], json.dumps(s["attrs"], sort_keys=True), s["note"] or "") for s in spans)


def brat_type(name):
    return "".join("_" if c.isspace() else c for c in name)


def test_pybrat_reads_relations_and_attribute_lines(tmp_path):
    from pybrat.parser import BratParser

    with zipfile.ZipFile(export_path("brat")) as z:
        z.extractall(tmp_path)
    (example,) = BratParser(error="raise").parse(tmp_path)
    by_id = {e.id: e for e in example.entities}
    exact = TEXT
    got = []
    for r in example.relations:
        (a,), (b,) = r.arg1.spans, r.arg2.spans
        got.append((r.type, exact[a.start : a.end], exact[b.start : b.end]))
    assert sorted(got) == sorted((brat_type(t), f, to) for t, f, to in expected_links())
    # A lines: `A1<TAB>name T3[ value]`; each target is one of pybrat's entities.
    (ann,) = tmp_path.glob("*.ann")
    attrs = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        if not line.startswith("A"):
            continue
        _, middle = line.split("\t")
        name, target, *value = middle.split(" ")
        (span,) = by_id[target].spans
        attrs.append((span.start, span.end, name, value[0] if value else "yes"))
    want = []
    for s in DOC["spans"]:
        for name, v in s["attrs"].items():
            if v["kind"] == "text" or (v["kind"] == "flag" and v["value"] == "no"):
                continue  # brat has no form for these; the export report counts them
            want.append((s["start"], s["end"], brat_type(name), brat_type(v["value"])))
    assert sorted(attrs) == sorted(want)
    lost = DOC["exports"]["brat"]["lost"]
    skipped = sum(1 for s in DOC["spans"] for v in s["attrs"].values() if v["kind"] == "text" or v == {"kind": "flag", "value": "no"})
    assert lost["attributes"] == skipped and lost["relations"] == 0
    notes = [l for l in ann.read_text(encoding="utf-8").splitlines() if "\tAnnotatorNotes " in l and "Article Annotator export:" not in l]
    assert len(notes) == sum(1 for s in DOC["spans"] if s["note"])


def test_datasets_loads_the_jsonl_with_relations(tmp_path):
    from datasets import load_dataset

    ds = load_dataset("json", data_files=str(export_path("jsonl")), split="train", cache_dir=str(tmp_path))
    (row,) = list(ds)
    assert row["text"] == TEXT
    spans = row["spans"]
    got = []
    for r in row["relations"]:
        h, c = r["head_span"], r["child_span"]
        assert spans[r["head"]]["start"] == h["start"] and spans[r["child"]]["start"] == c["start"]
        got.append((r["label"], covered(h["start"], h["end"]), covered(c["start"], c["end"])))
    assert sorted(got) == expected_links()
    # Arrow gives every span every attribute column: absent ones are None.
    for s in spans:
        want = next(w for w in DOC["spans"] if (w["start"], w["end"], w["label"]) == (s["start"], s["end"], s["label"]))
        have = {k: v for k, v in (s.get("attrs") or {}).items() if v is not None}
        assert {k: ("yes" if v is True else "no" if v is False else v) for k, v in have.items()} == {k: v["value"] for k, v in want["attrs"].items()}
        assert s.get("note") == want["note"]


def test_label_studio_export_round_trips_through_the_command_line(tmp_path):
    out = tmp_path / "back.json"
    run = subprocess.run([ANNOTATE, "convert", "--to", "native", "-o", str(out), str(export_path("label_studio"))], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    back = json.loads(out.read_text(encoding="utf-8"))
    (d,) = back["documents"]
    assert d["text"] == TEXT
    # Flags come back as the choices yes/no (Label Studio has no flag); values read the same.
    got = [
        {
            "label": a["label"],
            "start": a["start"],
            "end": a["end"],
            "attrs": {k: {"value": "yes" if v is True else "no" if v is False else v} for k, v in a.get("attrs", {}).items()},
            "note": a.get("note"),
        }
        for a in d["annotations"]
    ]
    want = [dict(s, attrs={k: {"value": v["value"]} for k, v in s["attrs"].items()}) for s in DOC["spans"]]
    assert seen(got) == seen(want)
    ids = {a["id"]: a["text"] for a in d["annotations"]}
    links = sorted((r["type"], ids[r["from"]], ids[r["to"]]) for r in d.get("relations", []))
    assert links == expected_links()
    assert DOC["exports"]["label_studio"]["lost"] == {"attributes": 0, "notes": 0, "relations": 0}


def test_native_export_with_relations_validates_against_the_schema():
    import jsonschema

    schema = json.loads((REPO / "schema" / "article-annotator.v1.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(export_path("native").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    (d,) = data["documents"]
    assert len(d["relations"]) == len(DOC["relations"])
    assert any(l.get("attributes") for l in data["labels"])
    # A relation without its ends' ids, or an attribute value of another type, is not valid.
    bad = json.loads(json.dumps(data))
    bad["documents"][0]["relations"][0].pop("to")
    assert not jsonschema.Draft202012Validator(schema).is_valid(bad)
    bad = json.loads(json.dumps(data))
    bad["documents"][0]["annotations"][0]["attrs"] = {"type": 3}
    assert not jsonschema.Draft202012Validator(schema).is_valid(bad)
