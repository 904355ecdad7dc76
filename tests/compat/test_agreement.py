"""Checks `annotate agree` against the reference packages on random multi-document,
multi-annotator cases on Unicode text: scikit-learn's `cohen_kappa_score`, statsmodels'
`fleiss_kappa` (on `aggregate_raters`), the `krippendorff` package (nominal), `nervaluate` for
the span match counts, and the `regex` package for the tokens. Every number to 1e-9.

The cases come from a fixed seed, so a failure is reproducible: each has 2 to 4 annotators
(named by the file's "annotator" or by the file name), documents in Latin with accents and
combining marks, German, CJK, Arabic, Hebrew, Cyrillic, Greek and emoji (ZWJ sequences, skin
tones) with CRLF line breaks; nested and crossing spans, spans of one label inside each other,
a label one annotator never used, documents that not every file has, documents matched by text
under another id, and files with UTF-16 offsets. α_u has no Python reference: it is checked on
DKPro's published values and the issue's figures by the Rust unit tests.

ANNOTATE_BIN is the binary scripts/compat.sh builds (`cargo build --release --bin annotate`).
"""

import itertools
import json
import os
import pathlib
import random
import subprocess

import jsonschema
import krippendorff
import numpy as np
import pytest
import regex
from nervaluate import Evaluator
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent.parent
ANNOTATE = os.environ.get("ANNOTATE_BIN", str(REPO / "target" / "release" / "annotate"))
SCHEMA = json.loads((REPO / "schema" / "article-annotator.v1.schema.json").read_text(encoding="utf-8"))
TOLERANCE = 1e-9
SEED = 20261129
CASES = 60

WORDS = (
    "Merkel sagte Ärztin Zoë naïve café déjà-vu Cafe\u0301 re\u0301sume\u0301 Straße "
    "習近平 北京 說 東京 서울 قال الرئيس مدريد، שלום ירושלים Москва Путин Αθήνα Ελλάδα "
    "👩🏽\u200d⚕️ 👍🏽 🏳️\u200d🌈 👨\u200d👩\u200d👧 2024 ½ ² a_b CDU EU-Kommission O"
).split()
PUNCT = [".", ",", ":", ";", "!", "?", "\u201e", "\u201c", "«", "»", "—", "(", ")", '"', "'", "…", "。", "؟"]
LABELS = ["PER", "ORG", "LOC", "QUOTE", "CLAIM", "Ärger", "人物"]
NAMES = ["Ada", "Zoë", "李雷", "مريم", "Ivan", "Bea"]


# --- the cases ------------------------------------------------------------------------------


def make_text(rng):
    parts = []
    for _ in range(rng.randint(8, 40)):
        parts.append(rng.choice(WORDS))
        if rng.random() < 0.25:
            parts.append(rng.choice(PUNCT))
        parts.append(rng.choice([" ", " ", " ", "  ", "\r\n", "\n", "\t"]))
    return "".join(parts).strip() or "x"


def random_span(rng, n, labels, inside=None):
    """A (start, end, label) within [0, n), or inside `inside` when given; ≤ 40 code points
    long, so any shared code point is ≥ nervaluate's 1% minimum overlap of either span."""
    lo, hi = inside[:2] if inside else (0, n)
    start = rng.randrange(lo, hi)
    end = min(hi, start + rng.randint(1, 40))
    return (start, end, rng.choice(labels))


def base_spans(rng, n, labels):
    spans = [random_span(rng, n, labels) for _ in range(rng.randint(2, 8))]
    for s in list(spans):
        r = rng.random()
        if r < 0.3 and s[1] - s[0] > 1:  # nested, sometimes under the same label
            inner = random_span(rng, n, labels, inside=s)
            spans.append(inner if rng.random() < 0.5 else (inner[0], inner[1], s[2]))
        elif r < 0.5:  # crossing: starts inside, ends past it
            start = rng.randrange(s[0], s[1])
            spans.append((start, min(n, s[1] + rng.randint(1, 10)), rng.choice(labels)))
    return spans


def perturb(rng, spans, n, labels):
    out = []
    for start, end, label in spans:
        r = rng.random()
        if r < 0.6:
            out.append((start, end, label))
        elif r < 0.75:
            start = max(0, min(end - 1, start + rng.randint(-3, 3)))
            end = max(start + 1, min(n, end + rng.randint(-3, 3)))
            out.append((start, end, label))
        elif r < 0.87:
            out.append((start, end, rng.choice(labels)))
    for _ in range(rng.randint(0, 2)):
        out.append(random_span(rng, n, labels))
    return sorted(set(s for s in out if 0 <= s[0] < s[1] <= n))


def make_case(index):
    """Files to write and what the report must say about them."""
    rng = random.Random(SEED * 1000 + index)
    k = rng.randint(2, 4)
    names = rng.sample(NAMES, k)
    labels = rng.sample(LABELS, rng.randint(3, 5))
    shared = [(f"doc-{index}-{d}", make_text(rng)) for d in range(rng.randint(1, 4))]
    spans = {}  # (annotator, doc id) -> spans
    for doc_id, text in shared:
        base = base_spans(rng, len(text), labels)
        for a in range(k):
            spans[a, doc_id] = perturb(rng, base, len(text), labels)
    # A label someone used that one annotator never uses.
    used = sorted({s[2] for (a, _), ss in spans.items() if a > 0 for s in ss})
    if used:
        never = rng.choice(used)
        loner = rng.randrange(k)
        for key in list(spans):
            if key[0] == loner:
                spans[key] = [s for s in spans[key] if s[2] != never]
    files = []
    for a in range(k):
        docs = []
        for doc_id, text in shared:
            # Sometimes another id for the same text: matched by the text's hash.
            shown_id = doc_id if a == 0 or rng.random() < 0.7 else f"{doc_id}-copy-{a}"
            docs.append((shown_id, text, spans[a, doc_id]))
        if a > 0:
            rng.shuffle(docs)
        extra = []
        if rng.random() < 0.4:  # a document only this annotator has
            extra_id = f"only-{index}-{a}"
            docs.insert(rng.randrange(len(docs) + 1), (extra_id, make_text(rng), []))
            extra.append(extra_id)
        files.append({
            "name": names[a],
            "named_inside": rng.random() < 0.5,
            "utf16": rng.random() < 0.4,
            "docs": docs,
            "extra": extra,
        })
    return {
        "files": files,
        "labels": labels,
        "shared": shared,
        "spans": [[spans[a, doc_id] for doc_id, _ in shared] for a in range(k)],
    }


def utf16_offset(text, cp):
    return len(text[:cp].encode("utf-16-le")) // 2


def native(file, labels):
    def ann(text, i, s):
        start, end, label = s
        conv = (lambda c: utf16_offset(text, c)) if file["utf16"] else (lambda c: c)
        return {"id": f"a{i}", "label": label, "start": conv(start), "end": conv(end), "text": text[start:end]}

    out = {
        "format": "article-annotator",
        "version": 1,
        "offset_unit": "utf16" if file["utf16"] else "codepoint",
        "labels": [{"name": n, "hotkey": str(i + 1), "color": "#1d4ed8"} for i, n in enumerate(labels)],
        "documents": [
            {"id": d, "title": d, "text": t, "annotations": [ann(t, i, s) for i, s in enumerate(ss)]}
            for d, t, ss in file["docs"]
        ],
    }
    if file["named_inside"]:
        out["annotator"] = file["name"]
    return out


def run_agree(case, tmp_path):
    paths = []
    for i, f in enumerate(case["files"]):
        data = native(f, case["labels"])
        jsonschema.Draft202012Validator(SCHEMA).validate(data)
        stem = f"file-{i}" if f["named_inside"] else f["name"]
        path = tmp_path / f"{stem}.annotations.json"
        with open(path, "w", encoding="utf-8", newline="") as out:
            json.dump(data, out, ensure_ascii=False)
        paths.append(str(path))
    done = subprocess.run([ANNOTATE, "agree", *paths], capture_output=True, timeout=60)
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, stderr
    assert stderr == "", f"the binary left something out: {stderr}"
    return json.loads(done.stdout)


# --- the references -------------------------------------------------------------------------


def tokens(text):
    """The `regex` package's matches of \\w+|[^\\w\\s] (Python's `re` differs on marks)."""
    return [m.span() for m in regex.finditer(r"\w+|[^\w\s]", text)]


def tag(token, spans):
    """The issue's rule: the shortest span containing the token (then the earliest start, then
    the label name), else O (None)."""
    inside = [s for s in spans if s[0] <= token[0] and token[1] <= s[1]]
    return min(inside, key=lambda s: (s[1] - s[0], s[0], s[2]))[2] if inside else None


def nervaluate_docs(groups):
    """nervaluate's dict loader input; its end offsets are inclusive, ours exclusive."""
    return [[{"label": l, "start": s, "end": e - 1} for s, e, l in g] for g in groups]


def exact_tp(x, y, labels):
    """Exact matches, counted by nervaluate's "strict" scheme. strict walks predictions in order
    and lets an overlapping non-exact prediction use up a true span that a later prediction
    matches exactly, so each distinct (start, end) is given to it as a document of its own
    (exact matches only happen there) and the per-label counts ("entities") are added up: in
    each such document and label there is at most one span a side."""
    ranges = sorted({(s, e) for s, e, _ in x + y})
    true = [[s for s in x if s[:2] == r] for r in ranges]
    pred = [[s for s in y if s[:2] == r] for r in ranges]
    if not ranges:
        return 0
    result = Evaluator(nervaluate_docs(true), nervaluate_docs(pred), tags=labels, loader="dict").evaluate()
    return sum(r["strict"].correct for r in result["entities"].values())


def components(x, y):
    """Connected parts of the same-label overlap graph between x and y."""
    nodes = [("x", s) for s in x] + [("y", s) for s in y]
    parent = list(range(len(nodes)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (_, a) in enumerate(nodes[: len(x)]):
        for j, (_, b) in enumerate(nodes[len(x):], len(x)):
            if a[2] == b[2] and min(a[1], b[1]) > max(a[0], b[0]):
                parent[find(i)] = find(j)
    groups = {}
    for i, n in enumerate(nodes):
        groups.setdefault(find(i), []).append(n)
    return [([s for side, s in g if side == "x"], [s for side, s in g if side == "y"]) for g in groups.values()]


def greedy(x, y):
    """The issue's overlap rule: one to one, largest overlap first; ties by the earlier start in
    x, then in y (then the earlier end: spans of one label are unique per annotator)."""
    pairs = sorted(
        (-(min(a[1], b[1]) - max(a[0], b[0])), a[0], b[0], a[1], b[1], a, b)
        for a in x for b in y if a[2] == b[2] and min(a[1], b[1]) > max(a[0], b[0])
    )
    used_x, used_y, n = set(), set(), 0
    for *_, a, b in pairs:
        if a not in used_x and b not in used_y:
            used_x.add(a)
            used_y.add(b)
            n += 1
    return n


STATS = {"nervaluate": 0, "greedy": 0}


def overlap_tp(x, y, labels):
    """Overlap matches. nervaluate's "ent_type" scheme (same label, any overlap) matches each
    prediction in list order to the true span with the closest boundaries; the issue matches by
    the largest overlap. Both give one match in every part of the overlap graph where all edges
    share a span (a star), and there nervaluate counts. In larger parts the two rules may
    differ, and the issue's rule (`greedy`) counts; STATS says how often each decided."""
    total, stars = 0, []
    for cx, cy in components(x, y):
        if not cx or not cy:
            continue
        if len(cx) == 1 or len(cy) == 1:
            stars.append((cx, cy))
        else:
            total += greedy(cx, cy)
            STATS["greedy"] += 1
    if stars:
        result = Evaluator(
            nervaluate_docs([c[0] for c in stars]), nervaluate_docs([c[1] for c in stars]), tags=labels, loader="dict"
        ).evaluate()
        found = result["overall"]["ent_type"].correct
        assert found == len(stars), "every star has exactly one overlap match"
        total += found
        STATS["nervaluate"] += len(stars)
    return total


def f1(tp, nx, ny):
    return None if nx + ny == 0 else 2 * tp / (nx + ny)


def mean(values):
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def expected_report(case):
    files, labels_all = case["files"], case["labels"]
    k = len(files)
    names = [f["name"] for f in files]
    shared = case["shared"]
    spans = case["spans"]  # spans[annotator][doc]
    used = sorted({s[2] for per in spans for doc in per for s in doc})

    # Span F1, pooled over documents, per pair and per label.
    pair_rows, per_label = [], {l: {"exact": [], "overlap": []} for l in used}
    for a, b in itertools.combinations(range(k), 2):
        totals = {None: [0, 0, 0, 0], **{l: [0, 0, 0, 0] for l in used}}
        for d in range(len(shared)):
            x, y = spans[a][d], spans[b][d]
            for label in [None, *used]:
                xs = [s for s in x if label is None or s[2] == label]
                ys = [s for s in y if label is None or s[2] == label]
                t = totals[label]
                t[0] += exact_tp(xs, ys, labels_all)
                t[1] += overlap_tp(xs, ys, labels_all)
                t[2] += len(xs)
                t[3] += len(ys)
        e, o, nx, ny = totals[None]
        pair_rows.append({"a": names[a], "b": names[b], "exact_f1": f1(e, nx, ny), "overlap_f1": f1(o, nx, ny)})
        for label in used:
            e, o, nx, ny = totals[label]
            per_label[label]["exact"].append(f1(e, nx, ny))
            per_label[label]["overlap"].append(f1(o, nx, ny))

    # Tokens and their tags.
    codes = [[] for _ in range(k)]
    code_of = {None: 0, **{l: i + 1 for i, l in enumerate(used)}}
    n_tokens = 0
    for d, (_, text) in enumerate(shared):
        toks = tokens(text)
        n_tokens += len(toks)
        for a in range(k):
            codes[a].extend(code_of[tag(t, spans[a][d])] for t in toks)
    data = np.array(codes)
    if len(set(data.flatten())) > 1:
        fleiss = fleiss_kappa(aggregate_raters(data.T)[0])
        alpha = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
        cohen = cohen_kappa_score(data[0], data[1]) if k == 2 else None
    else:
        fleiss = alpha = cohen = None

    skipped = [x for f in files for x in f["extra"]]
    return {
        "annotators": names,
        "documents": len(shared),
        "skipped": skipped,
        "tokens": n_tokens,
        "span": {
            "exact_f1": mean(r["exact_f1"] for r in pair_rows),
            "overlap_f1": mean(r["overlap_f1"] for r in pair_rows),
            "pairs": pair_rows,
            "per_label": {
                l: {"exact_f1": mean(v["exact"]), "overlap_f1": mean(v["overlap"])} for l, v in per_label.items()
            },
        },
        "token": {"cohen_kappa": cohen, "fleiss_kappa": fleiss, "krippendorff_alpha": alpha},
        "alpha_u_labels": used,
    }


def assert_close(got, want, where):
    if isinstance(want, dict):
        assert isinstance(got, dict) and sorted(got) == sorted(want), f"{where}: keys {sorted(got)} != {sorted(want)}"
        for key in want:
            assert_close(got[key], want[key], f"{where}.{key}")
    elif isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), f"{where}: {got} != {want}"
        for i, (g, w) in enumerate(zip(got, want)):
            assert_close(g, w, f"{where}[{i}]")
    elif isinstance(want, float) or isinstance(got, float):
        assert got is not None and want is not None, f"{where}: {got} != {want}"
        assert abs(got - want) <= TOLERANCE, f"{where}: {got} != {want}"
    else:
        assert got == want, f"{where}: {got!r} != {want!r}"


def check_report(got, want):
    labels = want.pop("alpha_u_labels")
    alpha_u = got.pop("alpha_u")
    # Span-only files: no link and no attribute value (test_relation_agreement.py checks those).
    relations, attributes = got.pop("relations"), got.pop("attributes")
    assert relations["f1"] is None and relations["per_type"] == {}, relations
    assert len(relations["pairs"]) == len(want["span"]["pairs"]) and all(p["f1"] is None for p in relations["pairs"])
    assert attributes == {}
    assert_close(got, want, "report")
    # α_u: one value per label used, and a number whenever something was labelled.
    assert sorted(alpha_u["per_label"]) == labels
    assert (alpha_u["overall"] is None) == (not labels)


@pytest.mark.parametrize("index", range(CASES))
def test_random_case_matches_the_references(index, tmp_path):
    case = make_case(index)
    check_report(run_agree(case, tmp_path), expected_report(case))


def test_worked_example_matches_the_references(tmp_path):
    text = 'Merkel said: "We will manage." Critics at the CDU disagreed.'
    a = [(0, 6, "PER"), (13, 30, "QUOTE"), (31, 38, "PER"), (46, 49, "ORG")]
    b = [(0, 6, "PER"), (14, 28, "QUOTE"), (31, 38, "ORG")]
    labels = ["PER", "QUOTE", "ORG"]
    case = {
        "files": [
            {"name": n, "named_inside": True, "utf16": False, "docs": [("m", text, s)], "extra": []}
            for n, s in (("A", a), ("B", b))
        ],
        "labels": labels,
        "shared": [("m", text)],
        "spans": [[a], [b]],
    }
    got = run_agree(case, tmp_path)
    check_report(dict(got), expected_report(case))
    assert got["token"]["cohen_kappa"] == pytest.approx(23 / 48, abs=TOLERANCE)
    assert got["span"]["exact_f1"] == pytest.approx(2 / 7, abs=TOLERANCE)
    assert got["alpha_u"]["overall"] == pytest.approx(0.6466, abs=5e-5)


def test_the_cases_cover_what_they_claim():
    """The generator really produces what the module doc promises, and both overlap rules
    were exercised."""
    seen = {"nested_same_label": 0, "crossing": 0, "utf16": 0, "renamed": 0, "extra": 0, "never_used": 0}
    for index in range(CASES):
        case = make_case(index)
        for f in case["files"]:
            seen["utf16"] += f["utf16"]
            seen["extra"] += bool(f["extra"])
            seen["renamed"] += any("-copy-" in d[0] for d in f["docs"])
        used_by = [{s[2] for doc in per for s in doc} for per in case["spans"]]
        seen["never_used"] += any(set.union(*used_by) - u for u in used_by)
        for per in case["spans"]:
            for doc in per:
                for s, t in itertools.permutations(doc, 2):
                    if s[0] < t[0] < s[1] < t[1]:
                        seen["crossing"] += 1
                    if s[2] == t[2] and s[0] <= t[0] and t[1] <= s[1] and s != t:
                        seen["nested_same_label"] += 1
    assert all(v > 0 for v in seen.values()), seen
    STATS.update(nervaluate=0, greedy=0)
    for index in range(CASES):
        expected_report(make_case(index))
    assert STATS["nervaluate"] > 0 and STATS["greedy"] > 0, STATS
    print("coverage:", seen, "overlap parts decided by:", STATS)
