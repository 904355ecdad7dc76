// The Recogito peer (@recogito/text-annotator, vanilla JS): the text in one text node, the spans
// as annotations loaded through `setAnnotations`; its SPANS renderer draws highlights near the
// viewport only, as our app does. A span is added through the API (`addAnnotation`): the
// library creates annotations from a mouse selection with pointer events on release, which a
// script cannot replay faithfully, so the API is the path measured.
import { createTextAnnotator } from "@recogito/text-annotator";
import "@recogito/text-annotator/text-annotator.css";
import { runPage, whenDom, wordInView } from "./page.js";

const COLORS = { Entity: "#1d4ed8", Claim: "#047857", Quote: "#b45309" };

const annotation = (id, label, start, end, quote) => ({
  id,
  bodies: [{ id: `${id}-body`, annotation: id, purpose: "tagging", value: label }],
  target: { annotation: id, selector: [{ start, end, quote }] },
});

let anno;
// UTF-16 units already covered by a span: an added span goes on a word outside every span.
let covered;

runPage({
  start(root, text, spans) {
    covered = new Uint8Array(text.length);
    for (const s of spans) covered.fill(1, s.start, s.end);
    root.textContent = text;
    anno = createTextAnnotator(root, {
      renderer: "SPANS",
      style: (a) => ({ fill: COLORS[a.bodies[0]?.value] || COLORS.Entity, fillOpacity: 0.25 }),
    });
    anno.setAnnotations(spans.map((s, i) => annotation(`b${i}`, s.label, s.start, s.end, text.slice(s.start, s.end))));
  },
  drawn: (root) => root.querySelector(".r6o-annotation") !== null,
  async add(root, i) {
    const text = root.firstChild;
    const r = wordInView(root, 0, (t, start, end) => t === text && covered.subarray(start, end).every((c) => c === 0));
    if (!r) return null;
    const id = `new${i}`;
    const a = annotation(id, "Entity", r.startOffset, r.endOffset, r.toString());
    covered.fill(1, r.startOffset, r.endOffset);
    const seen = whenDom(root, () => root.querySelector(`.r6o-annotation[data-annotation="${id}"]`) !== null);
    const t0 = performance.now();
    anno.addAnnotation(a);
    return (await seen) - t0;
  },
});
