// User-id checks the auth rules need (spec: appendices §User Identifiers, §Historical User IDs, §Server Name).

const MAX_ID_BYTES = 255;

/**
 * True when `s` is a user id that must be accepted over federation: `@localpart:server_name`, at most
 * 255 bytes, where the localpart is the historical (lenient) form — any characters except `:` and NUL,
 * possibly empty — and the server name follows the spec grammar. This is the "same user ID validation
 * applied to `sender`" that v12 rule 1.4 refers to; it is deliberately not the strict grammar for
 * newly created user ids.
 */
export function isValidUserId(s: unknown): s is string {
  if (typeof s !== 'string' || s.charCodeAt(0) !== 0x40 /* @ */) return false;
  if (utf8Length(s) > MAX_ID_BYTES) return false;
  const colon = s.indexOf(':');
  if (colon < 0) return false;
  for (let i = 1; i < colon; i++) if (s.charCodeAt(i) === 0) return false;
  return isValidServerName(s.slice(colon + 1));
}

/** The server name part of an id of the form `&localpart:server` (everything after the first `:`), or ''. */
export function domainOf(id: string): string {
  const colon = id.indexOf(':');
  return colon < 0 ? '' : id.slice(colon + 1);
}

const DNS_OR_IPV4 = /^[A-Za-z0-9.-]{1,255}$/;
const IPV6 = /^\[[0-9A-Fa-f:.]{2,45}\]$/;
const PORT = /^[0-9]{1,5}$/;

/** spec grammar: `server_name = hostname [ ":" port ]`, hostname = IPv4 / "[" IPv6 "]" / dns-name. */
export function isValidServerName(s: string): boolean {
  let host = s;
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close < 0) return false;
    host = s.slice(0, close + 1);
    if (!IPV6.test(host)) return false;
  } else {
    const colon = s.indexOf(':');
    host = colon < 0 ? s : s.slice(0, colon);
    if (!DNS_OR_IPV4.test(host)) return false;
  }
  if (host.length === s.length) return true;
  return s.charCodeAt(host.length) === 0x3a /* : */ && PORT.test(s.slice(host.length + 1));
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
