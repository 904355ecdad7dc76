// The react-text-annotate-blend peer (React 18): `TextAnnotateBlend` holds the text and the
// spans in React state and draws every span as a <mark>. A span is added through its UI: the
// word is selected (Selection API) and a mouseup is dispatched on it, which the component
// reads into a new span and renders.
import { createElement, useState } from "react";
import { createRoot } from "react-dom/client";
import { TextAnnotateBlend } from "react-text-annotate-blend";
import { runPage, whenDom, wordInView } from "./page.js";

const COLORS = { Entity: "#bfdbfe", Claim: "#bbf7d0", Quote: "#fde68a" };

function Peer({ text, spans }) {
  const [value, setValue] = useState(spans);
  return createElement(TextAnnotateBlend, {
    content: text,
    value,
    onChange: setValue,
    getSpan: (s) => ({ ...s, color: COLORS.Entity }),
  });
}

runPage({
  start(root, text, spans) {
    const value = spans.map((s) => ({ start: s.start, end: s.end, color: COLORS[s.label] }));
    createRoot(root).render(createElement(Peer, { text, spans: value }));
  },
  drawn: (root) => root.querySelector("mark") !== null,
  async add(root) {
    // Unmarked text sits in <span data-start> pieces; marks hold the spans.
    const r = wordInView(root, 0, (t) => t.parentElement.tagName === "SPAN" && t.parentElement.dataset.start !== undefined);
    if (!r) return null;
    const word = r.toString();
    const sel = getSelection();
    sel.removeAllRanges();
    sel.addRange(r);
    const before = new Set(root.querySelectorAll("mark"));
    const seen = whenDom(root, () => [...root.querySelectorAll("mark")].some((m) => m.textContent === word && !before.has(m)));
    const t0 = performance.now();
    r.startContainer.parentElement.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
    return (await seen) - t0;
  },
});
