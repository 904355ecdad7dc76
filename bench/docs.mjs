// The benchmark's documents, shared by every page it measures (the app, the plain <mark> floor,
// the peers): the fixture article repeated to a size, spans spread over its words, and the same
// text and spans as plain HTML. Pure: no browser, no clock.
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The cases of issue 13: text size in UTF-8 bytes and number of spans. */
export const CASES = [
  { key: "2k", bytes: 2_000, spans: 10 },
  { key: "20k", bytes: 20_000, spans: 100 },
  { key: "200k", bytes: 200_000, spans: 1_000 },
  { key: "200k10k", bytes: 200_000, spans: 10_000 },
];

/** The cases named in a `--cases 2k,200k` argument, or all of them. */
export const pickCases = (list) => CASES.filter((c) => !list || list.split(",").includes(c.key));

const ARTICLE = readFileSync(join(ROOT, "tests", "fixtures", "article.txt"), "utf8");

/** The fixture repeated to about `bytes` UTF-8 bytes, cut after a line or a word. */
export function makeText(bytes) {
  let t = "";
  while (Buffer.byteLength(t) < bytes) t += ARTICLE + "\n";
  const enc = Buffer.from(t).subarray(0, bytes).toString("utf8").replace(/\uFFFD$/, "");
  const cut = Math.max(enc.lastIndexOf("\n"), enc.lastIndexOf(" "));
  return enc.slice(0, cut + 1);
}

/**
 * `n` spans spread evenly over the words of `text`, deterministic. Every fourth place gets a
 * nested pair (a 6-word Quote holding a 2-word Entity), the others one 1-3 word span, labels
 * cycling. Offsets are code points.
 */
export function makeSpans(text, n) {
  const seg = new Intl.Segmenter("en", { granularity: "word" });
  const words = [];
  let cp = 0;
  let last = 0;
  for (const s of seg.segment(text)) {
    cp += [...text.slice(last, s.index)].length;
    last = s.index;
    if (s.isWordLike) words.push([cp, cp + [...s.segment].length]);
  }
  const spans = [];
  const labels = ["Entity", "Claim", "Quote"];
  let place = 0;
  for (let i = 0; spans.length < n; i++) {
    const w = Math.floor((place * words.length) / Math.ceil(n * 0.8));
    place++;
    if (w + 6 >= words.length) break;
    if (i % 4 === 3 && spans.length + 2 <= n) {
      spans.push({ label: "Quote", start: words[w][0], end: words[w + 5][1] });
      spans.push({ label: "Entity", start: words[w][0], end: words[w + 1][1] });
    } else {
      const len = 1 + (i % 3);
      spans.push({ label: labels[i % 3], start: words[w][0], end: words[w + len - 1][1] });
    }
  }
  const seen = new Set();
  return spans.filter((s) => {
    const k = `${s.label}:${s.start}:${s.end}`;
    return !seen.has(k) && seen.add(k);
  });
}

export const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The same text and spans as plain HTML: one <mark> per span, nested where spans nest
 * (a span that overlaps without nesting is cut at the end of the one it starts in). */
export function markHtml(text, spans) {
  const chars = [...text];
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = "";
  let pos = 0;
  const ends = [];
  const closeTo = (p) => {
    while (ends.length && ends[ends.length - 1] <= p) {
      const e = ends.pop();
      out += esc(chars.slice(pos, e).join("")) + "</mark>";
      pos = e;
    }
  };
  for (const s of sorted) {
    closeTo(s.start);
    out += esc(chars.slice(pos, s.start).join(""));
    pos = s.start;
    out += `<mark class="${s.label}">`;
    ends.push(ends.length ? Math.min(s.end, ends[ends.length - 1]) : s.end);
  }
  closeTo(chars.length);
  return out + esc(chars.slice(pos).join(""));
}

/**
 * The spans with UTF-16 offsets (what JavaScript strings, the DOM and both peers count in),
 * converted from code points in one pass over the text.
 */
export function utf16Spans(text, spans) {
  const at = [0];
  for (const ch of text) at.push(at[at.length - 1] + ch.length);
  return spans.map((s) => ({ ...s, start: at[s.start], end: at[s.end] }));
}

/** The name of a case as the tables print it: "200 KB / 1000". */
export const caseName = (text, spans) => `${Math.round(Buffer.byteLength(text) / 1000)} KB / ${spans.length}`;
