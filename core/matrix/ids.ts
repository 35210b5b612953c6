// Identifier grammar (spec appendices §Identifier Grammar): server names, user ids, room ids (v12 form
// too), event ids, room aliases and signing key ids, with the 255-byte limit ids share.
import { isIPv6 } from 'node:net';

/** User, room and event ids and aliases, sigil and domain included, are at most 255 bytes of UTF-8. */
export const MAX_ID_BYTES = 255;

/** True when `s` is at most 255 bytes as UTF-8 (also the limit for event `type` and `state_key`). */
export function fitsIdLimit(s: string): boolean {
  if (s.length > MAX_ID_BYTES) return false; // every UTF-16 unit is at least one byte
  if (s.length * 3 <= MAX_ID_BYTES) return true; // every unit is at most three bytes
  return Buffer.byteLength(s, 'utf8') <= MAX_ID_BYTES;
}

export interface ServerName {
  /** The hostname as written: a DNS name, a dotted-quad IPv4 literal, or '[' IPv6 ']'. */
  readonly host: string;
  readonly port: number | undefined;
  readonly kind: 'dns' | 'ipv4' | 'ipv6';
}

const DNS_NAME = /^[A-Za-z0-9.-]{1,255}$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const IPV6_CHARS = /^[0-9A-Fa-f:.]{2,45}$/;
const PORT = /^\d{1,5}$/;

/**
 * Parses `hostname [ ":" port ]` (appendices §Server Name). The port is 1–5 digits, as the grammar says
 * (not range-checked). IPv4 literals need octets ≤ 255; a dotted quad with a bigger octet is still a
 * valid dns-name by the grammar and is returned as one. IPv6 literals must also be RFC 3513 addresses.
 */
export function parseServerName(s: string): ServerName | undefined {
  let host: string;
  let rest: string;
  let kind: ServerName['kind'];
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close < 0) return undefined;
    const address = s.slice(1, close);
    if (!IPV6_CHARS.test(address) || !isIPv6(address)) return undefined;
    host = s.slice(0, close + 1);
    rest = s.slice(close + 1);
    kind = 'ipv6';
  } else {
    const colon = s.indexOf(':');
    host = colon < 0 ? s : s.slice(0, colon);
    rest = colon < 0 ? '' : s.slice(colon);
    const quad = IPV4.exec(host);
    if (quad !== null && quad.slice(1).every((octet) => Number(octet) <= 255)) kind = 'ipv4';
    else if (DNS_NAME.test(host)) kind = 'dns';
    else return undefined;
  }
  if (rest === '') return { host, port: undefined, kind };
  if (rest[0] !== ':' || !PORT.test(rest.slice(1))) return undefined;
  return { host, port: Number(rest.slice(1)), kind };
}

export function isValidServerName(s: string): boolean {
  return parseServerName(s) !== undefined;
}

/** A sigilled id split at its first ':' (localparts cannot hold one; server names can). */
export interface IdParts {
  readonly localpart: string;
  readonly serverName: string;
}

function split(s: string, sigil: string): IdParts | undefined {
  if (s[0] !== sigil || !fitsIdLimit(s)) return undefined;
  const colon = s.indexOf(':', 1);
  if (colon < 0) return undefined;
  const serverName = s.slice(colon + 1);
  if (!isValidServerName(serverName)) return undefined;
  return { localpart: s.slice(1, colon), serverName };
}

const WELL_FORMED = /^[^\0\p{Cs}]*$/u; // no NUL, no lone surrogate (i.e. valid UTF-8 once encoded)
const COMPLIANT_USER_LOCALPART = /^[a-z0-9._=\-/+]+$/;

/**
 * Parses a user id. Localparts use the historical rule federation must accept (appendices §Historical
 * User IDs): any code points but ':' and NUL, even empty. Use isCompliantUserLocalpart for new users.
 */
export function parseUserId(s: string): IdParts | undefined {
  const parts = split(s, '@');
  return parts !== undefined && WELL_FORMED.test(parts.localpart) ? parts : undefined;
}

export function isValidUserId(s: string): boolean {
  return parseUserId(s) !== undefined;
}

/** The current grammar (spec v1.8+): 1+ of a-z 0-9 . _ = - / + */
export function isCompliantUserLocalpart(localpart: string): boolean {
  return COMPLIANT_USER_LOCALPART.test(localpart);
}

const URL_SAFE_HASH = /^[A-Za-z0-9_-]{43}$/;
const STD_HASH = /^[A-Za-z0-9+/]{43}$/;

export interface RoomIdParts {
  readonly localpart: string;
  /** Absent for a v12 room id ('!' + the create event's reference hash). */
  readonly serverName: string | undefined;
}

/**
 * Parses `!opaque:domain` (opaque: non-empty, any code points but ':' and NUL) or the v12 form '!' + 43
 * URL-safe base64 characters with no domain (rooms/v12.md).
 */
export function parseRoomId(s: string): RoomIdParts | undefined {
  if (s[0] !== '!') return undefined;
  if (s.indexOf(':') < 0) return URL_SAFE_HASH.test(s.slice(1)) ? { localpart: s.slice(1), serverName: undefined } : undefined;
  const parts = split(s, '!');
  return parts !== undefined && parts.localpart !== '' && WELL_FORMED.test(parts.localpart) ? parts : undefined;
}

export function isValidRoomId(s: string): boolean {
  return parseRoomId(s) !== undefined;
}

/** True for a v12 room id (no domain). */
export function isV12RoomId(s: string): boolean {
  return s[0] === '!' && URL_SAFE_HASH.test(s.slice(1));
}

/**
 * True for an event id of the room v3+ form: '$' + 43 characters of unpadded base64 of a SHA-256, standard
 * alphabet in room v3 (`urlSafe` false), URL-safe from v4.
 */
export function isHashEventId(s: string, urlSafe: boolean): boolean {
  return s[0] === '$' && (urlSafe ? URL_SAFE_HASH : STD_HASH).test(s.slice(1));
}

/**
 * Event ids in any room version: '$' + a non-empty opaque part (v1/v2: `$opaque:domain`, domain valid),
 * at most 255 bytes. Room-version-specific shape: isHashEventId.
 */
export function isValidEventId(s: string): boolean {
  if (s[0] !== '$' || s.length < 2 || !fitsIdLimit(s) || !WELL_FORMED.test(s)) return false;
  if (s.indexOf(':') < 0) return true;
  const parts = split(s, '$');
  return parts !== undefined && parts.localpart !== '';
}

/** Parses `#alias:domain` (alias: non-empty, any code points but ':'; no NUL). */
export function parseRoomAlias(s: string): IdParts | undefined {
  const parts = split(s, '#');
  return parts !== undefined && parts.localpart !== '' && WELL_FORMED.test(parts.localpart) ? parts : undefined;
}

export function isValidRoomAlias(s: string): boolean {
  return parseRoomAlias(s) !== undefined;
}

/** The domain of a user id, alias, `!opaque:domain` room id or v1/v2 event id; undefined if it has none. */
export function serverNameOf(id: string): string | undefined {
  const colon = id.indexOf(':');
  if (colon < 0) return undefined;
  const serverName = id.slice(colon + 1);
  return isValidServerName(serverName) ? serverName : undefined;
}

export interface KeyId {
  readonly algorithm: string;
  readonly version: string;
}

const KEY_ID = /^([a-z0-9_]+):([a-zA-Z0-9_]+)$/;
const ED25519_KEY_ID = /^ed25519:[a-zA-Z0-9_]+$/;

/** Parses `algorithm:version`; the version must match [a-zA-Z0-9_]+ (definitions/keys.yaml). */
export function parseKeyId(s: string): KeyId | undefined {
  const m = KEY_ID.exec(s);
  return m === null ? undefined : { algorithm: m[1]!, version: m[2]! };
}

/** True for `ed25519:<version>`, the only algorithm the spec defines. */
export function isEd25519KeyId(s: string): boolean {
  return ED25519_KEY_ID.test(s);
}
