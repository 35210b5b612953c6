// Unpadded base64 (spec appendices §Unpadded Base64): standard and URL-safe encoders, validating decoders.
// Leaf module: Node's Buffer does the byte work; we do the validation Buffer skips.

/** Input that is not base64 in the alphabet asked for: a bad character, a bad length or misplaced padding. */
export class Base64Error extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Base64Error';
  }
}

// Character classes, one bit each: a decoder accepts a character when `class & alphabet` is non-zero.
const STD = 1; // the standard alphabet ('+', '/')
const URL = 2; // the URL-safe alphabet ('-', '_')
const STD_ONLY = 4; // marks '+', '/' so decodeBase64Any can refuse a mix of the two alphabets
const URL_ONLY = 8; // marks '-', '_'

const CLASS = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789') CLASS[c.charCodeAt(0)] = STD | URL;
CLASS[0x2b] = STD | STD_ONLY; // '+'
CLASS[0x2f] = STD | STD_ONLY; // '/'
CLASS[0x2d] = URL | URL_ONLY; // '-'
CLASS[0x5f] = URL | URL_ONLY; // '_'

const PAD = 0x3d; // '='

/** A plain Uint8Array view of a Buffer's bytes (no copy), so results compare equal to other Uint8Arrays. */
function view(buf: Buffer): Uint8Array {
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Unpadded standard base64 ('+', '/'): keys, signatures, hashes and v3 event ids. */
export function encodeBase64(bytes: Uint8Array): string {
  const padded = asBuffer(bytes).toString('base64');
  // 4 characters per 3 bytes, rounded up, is the unpadded length.
  const length = Math.ceil((bytes.byteLength * 4) / 3);
  return padded.length === length ? padded : padded.slice(0, length);
}

/** Unpadded URL-safe base64 ('-', '_'): event ids from room version 4 on. Node's 'base64url' never pads. */
export function encodeBase64Url(bytes: Uint8Array): string {
  return asBuffer(bytes).toString('base64url');
}

/**
 * Validates `s` against the alphabet bits in `alphabet`, then lets Buffer decode it. Padding is optional,
 * but when present it must complete the last group of four. Trade-off: non-zero unused bits in the last
 * character are accepted (RFC 4648 §3.5 lets decoders choose; the spec asks for leniency).
 */
function decode(s: string, alphabet: number, what: string): Uint8Array {
  let end = s.length;
  if (end > 0 && s.charCodeAt(end - 1) === PAD) {
    end--;
    if (end > 0 && s.charCodeAt(end - 1) === PAD) end--;
    if ((s.length & 3) !== 0) throw new Base64Error(`${what}: padding must complete a group of 4 characters`);
  }
  if ((end & 3) === 1) throw new Base64Error(`${what}: impossible length ${end} (a multiple of 4 plus 1)`);
  let seen = 0;
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    const k = c < 128 ? CLASS[c]! : 0;
    if ((k & alphabet) === 0) {
      throw new Base64Error(`${what}: invalid character ${JSON.stringify(s[i])} at ${i}`);
    }
    seen |= k;
  }
  if ((seen & (STD_ONLY | URL_ONLY)) === (STD_ONLY | URL_ONLY)) {
    throw new Base64Error(`${what}: mixes the standard and URL-safe alphabets`);
  }
  return view(Buffer.from(end === s.length ? s : s.slice(0, end), 'base64'));
}

/** Decodes standard base64, padded or not; throws Base64Error on anything else. */
export function decodeBase64(s: string): Uint8Array {
  return decode(s, STD, 'base64');
}

/** Decodes URL-safe base64, padded or not; throws Base64Error on anything else. */
export function decodeBase64Url(s: string): Uint8Array {
  return decode(s, URL, 'base64url');
}

/** Decodes either alphabet (but not a mix of both), padded or not; throws Base64Error on anything else. */
export function decodeBase64Any(s: string): Uint8Array {
  return decode(s, STD | URL, 'base64');
}

/** decodeBase64, but undefined instead of throwing (for checks where bad base64 just means "fails"). */
export function tryDecodeBase64(s: string): Uint8Array | undefined {
  try {
    return decode(s, STD, 'base64');
  } catch {
    return undefined;
  }
}
