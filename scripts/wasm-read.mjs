// Reading a wasm binary's bytes, for the build's scripts (scripts/short-imports.mjs,
// scripts/split-data.mjs): unsigned LEB128 numbers and the module's sections.

/** Reads an unsigned LEB128 at `at`: [value, next offset]. */
export function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
}

/**
 * The sections of a wasm module, in order: `{ id, header, body, end }`, where `header` is the
 * offset of the section's id byte, `body` of its contents and `end` just past them.
 */
export function* sections(bytes) {
  let at = 8;
  while (at < bytes.length) {
    const [size, body] = leb(bytes, at + 1);
    yield { id: bytes[at], header: at, body, end: body + size };
    at = body + size;
  }
}
