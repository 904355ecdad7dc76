// How shipped bytes are counted, in one place: gzip at level 9 by zlib (what web servers and
// CDNs compress with, and how the benchmark counts the peers' bundles), no file name in the
// header; and issue 13's first-paint budget. The size check (scripts/size.sh) and the
// benchmark (bench/browser.mjs, bench/report.mjs) both take them from here, so they report the
// same figure and judge it against the same budget.
//
//   node scripts/gzip-size.mjs FILE…   # one line per file: raw bytes, gzipped bytes, name
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

/** Issue 13's budget for first paint: 225 KB gzipped, a KB being 1024 bytes. */
export const FIRST_PAINT_BUDGET = 225 * 1024;

/** The gzipped size of `bytes` (a Buffer or Uint8Array). */
export const gzipSize = (bytes) => gzipSync(bytes, { level: 9 }).length;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    process.stderr.write("usage: node scripts/gzip-size.mjs FILE…\n");
    process.exit(2);
  }
  for (const f of files) {
    const bytes = readFileSync(f);
    process.stdout.write(`${bytes.length} ${gzipSize(bytes)} ${f}\n`);
  }
}
