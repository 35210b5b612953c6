// Slot `json`: the canonical JSON serializer (spec appendices §Canonical JSON).
import type { Plugin } from './plugin.ts';

/**
 * Serialises a parsed JSON value as canonical JSON: object keys sorted by Unicode code point, no
 * insignificant whitespace, integers only in [-(2^53-1), 2^53-1], `-0` written as `0`, strings escaped
 * as the spec's grammar says (only `"`, `\` and C0 controls; short forms for \b \t \n \f \r).
 *
 * Every method throws a `MatrixError` with `M_BAD_JSON` for a value canonical JSON cannot hold:
 * a non-integer or out-of-range number, `undefined`, a function, a bigint, NaN or ±Infinity.
 */
export interface JsonCodec extends Plugin {
  /** Canonical JSON as UTF-8 bytes. */
  encode(value: unknown): Uint8Array;
  /** Canonical JSON as a string (same characters as `encode`). */
  stringify(value: unknown): string;
  /** SHA-256 of the canonical bytes; an implementation may stream into the hash without building the string. */
  sha256(value: unknown): Uint8Array;
}
