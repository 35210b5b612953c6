// Finding member and element boundaries in canonical JSON bytes (appendices §Canonical JSON grammar). The input
// is a codec's own output, so it is valid and has no whitespace; the scanner only tracks strings (with their
// backslash escapes) and nesting. Leaf module.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/** The end (exclusive) of the string whose opening quote is at `i`. */
function stringEnd(b: Uint8Array, i: number): number {
  for (i++; ; i++) {
    const c = b[i];
    if (c === QUOTE) return i + 1;
    if (c === BACKSLASH) i++; // the escaped character (\u00xx: its hex digits are plain characters)
    else if (c === undefined) throw new RangeError('canonical JSON: unterminated string');
  }
}

/** The end (exclusive) of the value starting at `i`. */
export function valueEnd(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c === QUOTE) return stringEnd(b, i);
  if (c !== OPEN_OBJECT && c !== OPEN_ARRAY) {
    while (i < b.length && b[i] !== COMMA && b[i] !== CLOSE_OBJECT && b[i] !== CLOSE_ARRAY) i++;
    return i;
  }
  let depth = 0;
  for (;;) {
    const d = b[i];
    if (d === QUOTE) {
      i = stringEnd(b, i);
      continue;
    }
    if (d === OPEN_OBJECT || d === OPEN_ARRAY) depth++;
    else if (d === CLOSE_OBJECT || d === CLOSE_ARRAY) {
      if (--depth === 0) return i + 1;
    } else if (d === undefined) throw new RangeError('canonical JSON: unterminated container');
    i++;
  }
}

/**
 * For the object encoded at bytes[start, end), with `count` members: per member the start of its key, the start
 * of its value and the end of its value. Throws a RangeError when the bytes do not hold such an object.
 */
export function memberRanges(b: Uint8Array, start: number, end: number, count: number): Int32Array {
  const out = new Int32Array(3 * count);
  if (b[start] !== OPEN_OBJECT || b[end - 1] !== CLOSE_OBJECT) throw new RangeError('canonical JSON: not an object');
  let i = start + 1;
  let m = 0;
  while (i < end - 1) {
    if (m === count || b[i] !== QUOTE) throw new RangeError(`canonical JSON: unexpected member at ${i}`);
    const keyStart = i;
    i = stringEnd(b, i);
    if (b[i] !== COLON) throw new RangeError(`canonical JSON: expected ':' at ${i}`);
    const vStart = i + 1;
    i = valueEnd(b, vStart);
    out[3 * m] = keyStart;
    out[3 * m + 1] = vStart;
    out[3 * m + 2] = i;
    m++;
    if (b[i] === COMMA) i++;
  }
  if (m !== count) throw new RangeError(`canonical JSON: ${m} members, expected ${count}`);
  return out;
}

/** The [start, end) of each element of the array encoded at bytes[start, end). */
export function elementRanges(b: Uint8Array, start: number, end: number): Array<[number, number]> {
  if (b[start] !== OPEN_ARRAY || b[end - 1] !== CLOSE_ARRAY) throw new RangeError('canonical JSON: not an array');
  const out: Array<[number, number]> = [];
  let i = start + 1;
  while (i < end - 1) {
    const e = valueEnd(b, i);
    out.push([i, e]);
    i = b[e] === COMMA ? e + 1 : e;
  }
  return out;
}
