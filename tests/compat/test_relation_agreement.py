"""Checks the relation F1 and attribute agreement of `annotate agree` on random cases:
attribute κ against scikit-learn's `cohen_kappa_score` on the same value pairs, relation F1
against an independent computation here. Every number to 1e-9.

Both read the spans the overlap rule matches (same label, at least one shared code point, one
to one, largest overlap first). `greedy_pairs` below is that rule written again in Python; on
every case and pair its number of pairs is checked against `overlap_tp` of the span suite
(test_agreement.py), which checks itself against nervaluate wherever nervaluate's rule and the
issue's must agree. Then:

- two relations match when their types are equal and from is matched with from, to with to;
  per relation type and over all types, F1 = 2·TP / (|X| + |Y|) pooled over the documents,
  the mean over the pairs whose F1 is defined;
- every matched pair of spans gives, per attribute name either span set, one item (X's value,
  Y's value), "unset" a category of its own; κ per pair on its items pooled over the
  documents, the mean over the pairs whose κ is defined (sklearn gives nan for one category).

The cases: 2 to 4 annotators, multi-script documents (test_agreement's words, CRLF, emoji),
spans moved, relabelled, dropped and added per annotator as in the span suite, a choice and a
flag attribute set, changed or unset per annotator, relations of three types kept, dropped,
retargeted or added per annotator, files with UTF-16 offsets.
"""

import itertools
import json
import math
import random
import subprocess
import warnings

import jsonschema
import pytest
from sklearn.metrics import cohen_kappa_score

from test_agreement import ANNOTATE, NAMES, SCHEMA, TOLERANCE, assert_close, make_text, overlap_tp, utf16_offset

SEED = 20261204
CASES = 50
LABELS = ["PER", "QUOTE", "CLAIM", "Ärger", "人物"]
TYPES = ["said_by", "claimed_by", "related_to"]
KINDS = ["direct", "indirect", "间接", "غير مباشر"]


# --- the cases ------------------------------------------------------------------------------


def base_doc(rng, n):
    """Spans (start, end, label), attribute values per span and relations (type, i, j)."""
    spans = []
    for _ in range(rng.randint(2, 9)):
        start = rng.randrange(0, n)
        spans.append((start, min(n, start + rng.randint(1, 30)), rng.choice(LABELS)))
    attrs = [random_attrs(rng) for _ in spans]
    links = [
        (rng.choice(TYPES), i, j)
        for _ in range(rng.randint(0, 5))
        for i, j in [rng.sample(range(len(spans)), 2)]
    ]
    return spans, attrs, links


def random_attrs(rng):
    out = {}
    if rng.random() < 0.6:
        out["kind"] = rng.choice(KINDS)
    if rng.random() < 0.5:
        out["checked"] = rng.random() < 0.5
    return out


def annotate(rng, base, n):
    """One annotator's version of a base document: spans perturbed (kept, moved, relabelled,
    dropped, added), values changed or unset, relations following their spans, some dropped,
    retargeted or added. Spans are unique by (start, end, label)."""
    spans, attrs, links = base
    out, values, where = [], [], {}
    for i, ((start, end, label), a) in enumerate(zip(spans, attrs)):
        r = rng.random()
        if r < 0.6:
            s = (start, end, label)
        elif r < 0.75:
            start = max(0, min(end - 1, start + rng.randint(-3, 3)))
            end = max(start + 1, min(n, end + rng.randint(-3, 3)))
            s = (start, end, label)
        elif r < 0.87:
            s = (start, end, rng.choice(LABELS))
        else:
            continue
        if s in out:
            continue
        a = dict(a)
        if rng.random() < 0.3:
            a = random_attrs(rng)
        where[i] = len(out)
        out.append(s)
        values.append(a)
    for _ in range(rng.randint(0, 2)):
        start = rng.randrange(0, n)
        s = (start, min(n, start + rng.randint(1, 30)), rng.choice(LABELS))
        if s not in out:
            out.append(s)
            values.append(random_attrs(rng))
    rels = set()
    for kind, i, j in links:
        if i not in where or j not in where or rng.random() < 0.15:
            continue
        a, b = where[i], where[j]
        if rng.random() < 0.15:
            b = rng.randrange(len(out))
        if a != b:
            rels.add((kind, a, b))
    if len(out) >= 2 and rng.random() < 0.4:
        a, b = rng.sample(range(len(out)), 2)
        rels.add((rng.choice(TYPES), a, b))
    return out, values, sorted(rels)


def make_case(index):
    rng = random.Random(SEED * 1000 + index)
    k = rng.randint(2, 4)
    names = rng.sample(NAMES, k)
    texts = [(f"doc-{index}-{d}", make_text(rng)) for d in range(rng.randint(1, 3))]
    docs = [[None] * len(texts) for _ in range(k)]
    for d, (_, text) in enumerate(texts):
        base = base_doc(rng, len(text))
        for a in range(k):
            docs[a][d] = annotate(rng, base, len(text))
    return {"names": names, "texts": texts, "docs": docs, "utf16": [rng.random() < 0.4 for _ in range(k)]}


def native(case, a):
    utf16 = case["utf16"][a]
    conv = (lambda t, c: utf16_offset(t, c)) if utf16 else (lambda t, c: c)
    documents = []
    for (doc_id, text), (spans, values, rels) in zip(case["texts"], case["docs"][a]):
        anns = []
        for i, ((s, e, label), attrs) in enumerate(zip(spans, values)):
            ann = {"id": f"a{i}", "label": label, "start": conv(text, s), "end": conv(text, e), "text": text[s:e]}
            if attrs:
                ann["attrs"] = attrs
            anns.append(ann)
        relations = [{"id": f"r{n}", "type": t, "from": f"a{i}", "to": f"a{j}"} for n, (t, i, j) in enumerate(rels)]
        documents.append({"id": doc_id, "title": doc_id, "text": text, "annotations": anns, "relations": relations})
    attributes = [
        {"name": "kind", "kind": "choice", "values": KINDS},
        {"name": "checked", "kind": "flag"},
    ]
    return {
        "format": "article-annotator",
        "version": 1,
        "offset_unit": "utf16" if utf16 else "codepoint",
        "annotator": case["names"][a],
        "labels": [
            {"name": n, "hotkey": str(i + 1), "color": "#1d4ed8", "attributes": attributes}
            for i, n in enumerate(LABELS)
        ],
        "relations": [{"name": t} for t in TYPES],
        "documents": documents,
    }


def run_agree(case, tmp_path):
    paths = []
    for a in range(len(case["names"])):
        data = native(case, a)
        jsonschema.Draft202012Validator(SCHEMA).validate(data)
        path = tmp_path / f"file-{a}.annotations.json"
        with open(path, "w", encoding="utf-8", newline="") as out:
            json.dump(data, out, ensure_ascii=False)
        paths.append(str(path))
    done = subprocess.run([ANNOTATE, "agree", *paths], capture_output=True, timeout=60)
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, stderr
    assert stderr == "", f"the binary left something out: {stderr}"
    return json.loads(done.stdout)


# --- the references -------------------------------------------------------------------------


def greedy_pairs(x, y):
    """The overlap rule's pairs (i, j): same label, largest overlap first; ties by the earlier
    start in x, then in y, then the earlier end in x, then in y."""
    candidates = sorted(
        (-(min(a[1], b[1]) - max(a[0], b[0])), a[0], b[0], a[1], b[1], i, j)
        for i, a in enumerate(x)
        for j, b in enumerate(y)
        if a[2] == b[2] and min(a[1], b[1]) > max(a[0], b[0])
    )
    used_x, used_y, pairs = set(), set(), []
    for *_, i, j in candidates:
        if i not in used_x and j not in used_y:
            used_x.add(i)
            used_y.add(j)
            pairs.append((i, j))
    return pairs


def f1(tp, nx, ny):
    return None if nx + ny == 0 else 2 * tp / (nx + ny)


def mean(values):
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def category(value):
    """A value as sklearn's label: typed (a flag is not the text "true"), unset apart."""
    if value is None:
        return "\x00unset"
    return f"flag:{value}" if isinstance(value, bool) else f"text:{value}"


def kappa(items):
    if not items:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        k = cohen_kappa_score([category(a) for a, _ in items], [category(b) for _, b in items])
    return None if math.isnan(k) else float(k)


def expected(case):
    names, docs = case["names"], case["docs"]
    pairs = list(itertools.combinations(range(len(names)), 2))
    rel_counts, items = [], []
    for a, b in pairs:
        counts, its = {}, {}
        for (xs, xv, xr), (ys, yv, yr) in zip(docs[a], docs[b]):
            matched = greedy_pairs(xs, ys)
            labels = sorted({s[2] for s in xs + ys})
            assert len(matched) == overlap_tp(xs, ys, labels), "the matching is the span suite's"
            partner = dict(matched)
            ry = set(yr)
            for kind, i, j in xr:
                c = counts.setdefault(kind, [0, 0, 0])
                c[1] += 1
                if i in partner and j in partner and (kind, partner[i], partner[j]) in ry:
                    c[0] += 1
            for kind, _, _ in yr:
                counts.setdefault(kind, [0, 0, 0])[2] += 1
            for i, j in matched:
                for name in sorted(set(xv[i]) | set(yv[j])):
                    its.setdefault((xs[i][2], name), []).append((xv[i].get(name), yv[j].get(name)))
        rel_counts.append(counts)
        items.append(its)
    pooled = [[sum(c[n] for c in counts.values()) for n in range(3)] for counts in rel_counts]
    types = sorted({t for counts in rel_counts for t in counts})
    keys = sorted({key for its in items for key in its})
    attributes = {}
    for label, name in keys:
        rows = []
        for (a, b), its in zip(pairs, items):
            got = its.get((label, name), [])
            rows.append({"a": names[a], "b": names[b], "cohen_kappa": kappa(got), "items": len(got)})
        attributes.setdefault(label, {})[name] = {
            "cohen_kappa": mean(r["cohen_kappa"] for r in rows),
            "items": sum(r["items"] for r in rows),
            "pairs": rows,
        }
    return {
        "relations": {
            "f1": mean(f1(*p) for p in pooled),
            "pairs": [{"a": names[a], "b": names[b], "f1": f1(*p)} for (a, b), p in zip(pairs, pooled)],
            "per_type": {
                t: {"f1": mean(f1(*counts[t]) if t in counts else None for counts in rel_counts)} for t in types
            },
        },
        "attributes": attributes,
    }


@pytest.mark.parametrize("index", range(CASES))
def test_random_case_matches_the_references(index, tmp_path):
    case = make_case(index)
    got = run_agree(case, tmp_path)
    want = expected(case)
    assert_close({"relations": got["relations"], "attributes": got["attributes"]}, want, "report")


def test_the_cases_exercise_every_branch():
    """The generator makes what the checks need: matches and misses of relations, κ defined and
    undefined, values set on one side only."""
    seen = {"matched": 0, "missed": 0, "kappa": 0, "nan": 0, "unset": 0}
    for index in range(CASES):
        want = expected(make_case(index))
        for p in want["relations"]["pairs"]:
            seen["matched" if p["f1"] else "missed"] += 1
        for attrs in want["attributes"].values():
            for a in attrs.values():
                for p in a["pairs"]:
                    seen["nan" if p["cohen_kappa"] is None else "kappa"] += 1
    case = make_case(0)
    for (xs, xv, _), (ys, yv, _) in zip(case["docs"][0], case["docs"][1]):
        for i, j in greedy_pairs(xs, ys):
            seen["unset"] += len(set(xv[i]) ^ set(yv[j]))
    assert all(v > 0 for v in seen.values()), seen


def test_worked_example(tmp_path):
    """Merkel's quote linked to Merkel by both, the critics' claim linked by one only; the
    quote's kind agreed, its flag set by one side only."""
    text = 'Merkel said: "We will manage." Critics at the CDU disagreed.'
    a = ([(0, 6, "PER"), (13, 30, "QUOTE"), (31, 38, "PER")], [{}, {"kind": "direct", "checked": True}, {}],
         [("said_by", 1, 0), ("related_to", 2, 0)])
    b = ([(0, 6, "PER"), (14, 28, "QUOTE"), (31, 38, "PER")], [{}, {"kind": "direct"}, {}], [("said_by", 1, 0)])
    case = {"names": ["A", "B"], "texts": [("m", text)], "docs": [[a], [b]], "utf16": [False, True]}
    got = run_agree(case, tmp_path)
    assert got["relations"]["per_type"] == {"related_to": {"f1": 0.0}, "said_by": {"f1": 1.0}}
    assert got["relations"]["f1"] == pytest.approx(2 / 3, abs=TOLERANCE)
    # kind: one item, one category: undefined; checked: (True, unset), one item, κ 0.
    assert got["attributes"]["QUOTE"]["kind"]["cohen_kappa"] is None
    assert got["attributes"]["QUOTE"]["checked"]["cohen_kappa"] == 0.0
    assert_close({"relations": got["relations"], "attributes": got["attributes"]}, expected(case), "report")
