// User-id helpers the auth rules need, as thin adapters over the identifier grammar in ../ids.ts.
import { isValidUserId as isUserId } from '../ids.ts';

/**
 * True when `s` is a user id that must be accepted over federation (the historical, lenient localpart; see
 * ids.ts parseUserId). This is the "same user ID validation applied to `sender`" v12 rule 1.4 refers to.
 */
export function isValidUserId(s: unknown): s is string {
  return typeof s === 'string' && isUserId(s);
}

/** The server name part of an id of the form `&localpart:server` (everything after the first `:`), or ''. */
export function domainOf(id: string): string {
  const colon = id.indexOf(':');
  return colon < 0 ? '' : id.slice(colon + 1);
}

/** Exact UTF-8 byte length without allocating (a lone surrogate counts 3 bytes, as its U+FFFD would). */
export function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
