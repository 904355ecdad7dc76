"""`annotate convert --split` against Hugging Face `datasets` and against the split procedure
written in src/corpus/split.rs, implemented again here from that text alone: a generated
corpus of a few hundred documents is split by the command line (ANNOTATE_BIN, built by
scripts/compat.sh), the part files are loaded with `load_dataset("json", ...)` offline, and
every document must be in exactly one part, at the documented sizes, in the part this
implementation puts it in. No test touches the network.
"""

import json
import os
import pathlib
import random
import subprocess

import pytest

ANNOTATE = os.environ["ANNOTATE_BIN"]
PARTS = ("train", "dev", "test")
LABELS = ("PER", "ORG", "LOC", "QUOTE")
WORDS = ("Ана́ліз", "習近平", "القاهرة", "Café", "👩🏽‍💻", "Merkel", "said", "“we", "agree”", "Łódź", "the", "city")

MASK = (1 << 64) - 1


class SplitMix64:
    """As in src/corpus/split.rs."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)


def sizes(n, weights):
    total = sum(weights)
    out = [n * w // total for w in weights]
    remainders = sorted(((n * w % total, k) for k, w in enumerate(weights)), key=lambda t: -t[0])
    for _, k in remainders[: n - sum(out)]:
        out[k] += 1
    return out


def reference_split(docs, weights, seed, stratify):
    """Part index of each document: the five steps of src/corpus/split.rs."""
    order = sorted(range(len(docs)), key=lambda i: docs[i]["id"].encode("utf-8"))
    rng = SplitMix64(seed)
    for i in range(len(order) - 1, 0, -1):
        j = (rng.next() * (i + 1)) >> 64
        order[i], order[j] = order[j], order[i]
    size = sizes(len(docs), weights)
    part = [None] * len(docs)
    filled = [0, 0, 0]
    if stratify:
        holders = {}
        for d in order:
            for label in sorted({s["label"] for s in docs[d]["spans"]}, key=lambda s: s.encode("utf-8")):
                holders.setdefault(label, []).append(d)
        for label in sorted(holders, key=lambda l: (len(holders[l]), l.encode("utf-8"))):
            for p in range(3):
                if any(part[d] == p for d in holders[label]) or filled[p] >= size[p]:
                    continue
                free = next((d for d in holders[label] if part[d] is None), None)
                if free is not None:
                    part[free] = p
                    filled[p] += 1
    for d in order:
        if part[d] is None:
            p = next(p for p in range(3) if filled[p] < size[p])
            part[d] = p
            filled[p] += 1
    return part


def corpus(n, seed=2024):
    """`n` documents with Unicode text; labels of varied rarity (QUOTE in only four)."""
    rnd = random.Random(seed)
    docs = []
    for i in range(n):
        words = [rnd.choice(WORDS) for _ in range(rnd.randint(3, 12))]
        text = " ".join(words) + ("\r\n" if i % 7 == 0 else "")
        spans, at = [], 0
        for w in words:
            label = None
            if rnd.random() < 0.15:
                label = rnd.choice(LABELS[:3])
            if i in (5, 99, 150, 240) and w == words[0]:
                label = "QUOTE"
            if label:
                spans.append({"start": at, "end": at + len(w), "label": label})
            at += len(w) + 1
        docs.append({"id": f"doc-{i:04d}-ж", "text": text, "spans": spans, "meta": {"source": f"src {i % 5}"}})
    rnd.shuffle(docs)  # the input order must not matter
    return docs


def convert(tmp_path, docs, split, seed, stratify=False, out="out"):
    src = tmp_path / "corpus.jsonl"
    src.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    args = [ANNOTATE, "convert", "--to", "jsonl", "--split", split, "--seed", str(seed), "-o", str(tmp_path / out), str(src)]
    if stratify:
        args.append("--stratify")
    run = subprocess.run(args, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return tmp_path / out


def load_parts(folder):
    from datasets import load_dataset

    files = {p: str(folder / f"{p}.jsonl") for p in PARTS if (folder / f"{p}.jsonl").exists()}
    return load_dataset("json", data_files=files, cache_dir=str(folder.parent / "hf-cache"))


@pytest.mark.parametrize("n,weights,seed,stratify", [
    (300, (80, 10, 10), 7, False),
    (257, (70, 15, 15), 7, False),
    (300, (80, 10, 10), 7, True),
    (211, (1, 1, 1), 123456789, True),
])
def test_split_loads_in_datasets_and_matches_the_written_procedure(tmp_path, n, weights, seed, stratify):
    docs = corpus(n)
    split = "/".join(str(w) for w in weights)
    folder = convert(tmp_path, docs, split, seed, stratify)
    ds = load_parts(folder)
    assert sorted(ds.keys()) == sorted(PARTS)
    seen = {}
    for part in PARTS:
        for row in ds[part]:
            assert row["id"] not in seen, f"{row['id']} is in {seen.get(row['id'])} and {part}"
            seen[row["id"]] = part
            for s in row["spans"]:
                assert s["text"] == row["text"][s["start"] : s["end"]]
            assert row["meta"]["source"].startswith("src ")
    assert sorted(seen) == sorted(d["id"] for d in docs), "every document in exactly one part"
    assert [ds[p].num_rows for p in PARTS] == sizes(n, weights)
    for p, w in zip(PARTS, weights):
        assert abs(ds[p].num_rows - n * w / sum(weights)) < 1, "proportions as asked, to one document"
    reference = reference_split(docs, weights, seed, stratify)
    assert {d["id"]: PARTS[p] for d, p in zip(docs, reference)} == seen
    if stratify:
        for label in LABELS:
            holders = [d for d in docs if any(s["label"] == label for s in d["spans"])]
            parts = {seen[d["id"]] for d in holders}
            assert len(parts) == min(3, len(holders)), f"{label} in {parts}"


def test_the_same_seed_gives_the_same_files(tmp_path):
    docs = corpus(120)
    a = convert(tmp_path, docs, "80/10/10", 42, out="a")
    b = convert(tmp_path, docs, "80/10/10", 42, out="b")
    for part in PARTS:
        assert (a / f"{part}.jsonl").read_bytes() == (b / f"{part}.jsonl").read_bytes()
