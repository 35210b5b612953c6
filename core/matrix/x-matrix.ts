// X-Matrix request authentication (server-server-api.md §Request Authentication): parsing and writing the
// Authorization header (RFC 9110 §11.4 auth-param syntax), and signing/verifying the request object.
import type { JsonCodec } from '../slots/json.ts';
import type { Signer } from '../slots/signer.ts';
import { encodeBase64, tryDecodeBase64 } from './base64.ts';
import { unauthorized } from './errors.ts';
import { isValidServerName } from './ids.ts';
import type { JsonObject, SigningKey } from './signing.ts';

export interface XMatrixAuth {
  readonly origin: string;
  /** Senders MUST send it since spec v1.3; receivers accept its absence. */
  readonly destination: string | undefined;
  /** Signing key id, e.g. `ed25519:abc`. */
  readonly key: string;
  /** Unpadded base64 signature. */
  readonly sig: string;
}

const SP = 0x20;
const HTAB = 0x09;
const COMMA = 0x2c;
const DQUOTE = 0x22;
const BACKSLASH = 0x5c;
const EQUALS = 0x3d;

/** RFC 9110 §5.6.2 tchar: ALPHA / DIGIT / "!#$%&'*+-.^_`|~". */
const TCHAR = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") TCHAR[c.charCodeAt(0)] = 1;
const isTchar = (c: number): boolean => c < 128 && TCHAR[c] === 1;
const isWs = (c: number): boolean => c === SP || c === HTAB;
/** VCHAR or obs-text (RFC 9110 §5.5): visible ASCII and bytes ≥ 0x80. */
const isVisible = (c: number): boolean => (c > 0x20 && c < 0x7f) || c >= 0x80;

const PARAMS = ['origin', 'destination', 'key', 'sig'] as const;
type Param = (typeof PARAMS)[number];
const isParam = (name: string): name is Param => (PARAMS as readonly string[]).includes(name);

const fail = (reason: string) => unauthorized(`X-Matrix Authorization header: ${reason}`);

/**
 * Parses `X-Matrix origin="…",destination="…",key="…",sig="…"`. The scheme and parameter names are
 * case-insensitive; parameters come in any order with optional whitespace around "," and "="; values are
 * quoted strings (backslash escapes undone) or bare values, which may hold ':' (the spec asks receivers to
 * accept those); unknown parameters are ignored. Throws 401 M_UNAUTHORIZED saying what is wrong.
 */
export function parseXMatrix(header: string): XMatrixAuth {
  const n = header.length;
  let i = 0;
  while (i < n && isWs(header.charCodeAt(i))) i++;
  const schemeStart = i;
  while (i < n && isTchar(header.charCodeAt(i))) i++;
  const scheme = header.slice(schemeStart, i);
  if (scheme.toLowerCase() !== 'x-matrix') throw fail(`scheme is ${JSON.stringify(scheme)}, not X-Matrix`);
  if (i < n && header.charCodeAt(i) !== SP) throw fail(`expected a space after the scheme at ${i}`);
  const found: Partial<Record<Param, string>> = {};
  for (;;) {
    while (i < n && (isWs(header.charCodeAt(i)) || header.charCodeAt(i) === COMMA)) i++; // OWS, empty list items
    if (i >= n) break;
    const nameStart = i;
    while (i < n && isTchar(header.charCodeAt(i))) i++;
    if (i === nameStart) throw fail(`expected a parameter name at ${i}, found ${JSON.stringify(header[i])}`);
    const name = header.slice(nameStart, i).toLowerCase();
    while (i < n && isWs(header.charCodeAt(i))) i++;
    if (header.charCodeAt(i) !== EQUALS) throw fail(`parameter ${name} has no "=" at ${i}`);
    i++;
    while (i < n && isWs(header.charCodeAt(i))) i++;
    let value: string;
    if (header.charCodeAt(i) === DQUOTE) {
      // quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE
      value = '';
      let run = ++i;
      for (;;) {
        if (i >= n) throw fail(`unterminated quoted value of ${name}`);
        const c = header.charCodeAt(i);
        if (c === DQUOTE) break;
        if (c === BACKSLASH) {
          const next = i + 1 < n ? header.charCodeAt(i + 1) : -1;
          if (next < 0) throw fail(`unterminated quoted value of ${name}`);
          if (!isVisible(next) && !isWs(next)) throw fail(`bad escape in the value of ${name} at ${i}`);
          value += header.slice(run, i);
          run = i + 1; // keep the escaped character itself
          i += 2;
          continue;
        }
        if (!isVisible(c) && !isWs(c)) throw fail(`control character in the value of ${name} at ${i}`);
        i++;
      }
      value += header.slice(run, i);
      i++; // closing quote
    } else {
      const valueStart = i;
      for (; i < n; i++) {
        const c = header.charCodeAt(i);
        if (c === COMMA || isWs(c)) break;
        if (c === DQUOTE || !isVisible(c)) throw fail(`unexpected ${JSON.stringify(header[i])} in the value of ${name} at ${i}`);
      }
      if (i === valueStart) throw fail(`parameter ${name} has an empty value`);
      value = header.slice(valueStart, i);
    }
    while (i < n && isWs(header.charCodeAt(i))) i++;
    if (i < n && header.charCodeAt(i) !== COMMA) throw fail(`expected "," after parameter ${name} at ${i}`);
    if (isParam(name)) {
      if (found[name] !== undefined) throw fail(`duplicate ${name} parameter`);
      found[name] = value;
    }
  }
  const { origin, destination, key, sig } = found;
  if (origin === undefined) throw fail('no origin parameter');
  if (key === undefined) throw fail('no key parameter');
  if (sig === undefined) throw fail('no sig parameter');
  if (!isValidServerName(origin)) throw fail(`origin ${JSON.stringify(origin)} is not a valid server name`);
  if (destination !== undefined && !isValidServerName(destination)) {
    throw fail(`destination ${JSON.stringify(destination)} is not a valid server name`);
  }
  if (key === '') throw fail('key parameter is empty');
  if (sig === '') throw fail('sig parameter is empty');
  return { origin, destination, key, sig };
}

const quote = (v: string): string => '"' + v.replace(/["\\]/g, '\\$&') + '"';

/** The header value, as senders should write it: one space, lower-case names, quoted values, no spaces. */
export function formatXMatrix(auth: XMatrixAuth): string {
  const destination = auth.destination === undefined ? '' : `,destination=${quote(auth.destination)}`;
  return `X-Matrix origin=${quote(auth.origin)}${destination},key=${quote(auth.key)},sig=${quote(auth.sig)}`;
}

export interface SignedRequest {
  readonly method: string;
  /** The path from /_matrix on, with '?' and the query string as sent; no scheme or host. */
  readonly uri: string;
  readonly origin: string;
  /** The receiving server's name (before delegation). */
  readonly destination: string;
  /** The JSON-parsed body; leave undefined when there is no body. */
  readonly content?: unknown;
  /** Instead of `content`: its canonical JSON, already encoded (spliced in as it is). */
  readonly contentBytes?: Uint8Array;
}

/** The object whose canonical JSON is signed: {method, uri, origin, destination, content?}. */
export function requestSigningObject(req: SignedRequest): JsonObject {
  const obj: JsonObject = { method: req.method, uri: req.uri, origin: req.origin, destination: req.destination };
  if (req.content !== undefined) obj.content = req.content;
  return obj;
}

/** Signs an outgoing request as `key.entity` and returns the Authorization header value. */
export function signRequest(
  codec: JsonCodec,
  signer: Signer,
  req: Omit<SignedRequest, 'origin'>,
  key: SigningKey,
): string {
  const message = codec.encode(requestSigningObject({ ...req, origin: key.entity }));
  const sig = encodeBase64(signer.sign(key.seed, message));
  return formatXMatrix({ origin: key.entity, destination: req.destination, key: key.keyId, sig });
}

/** Throws 401 when the header names a destination other than us (spec: MUST respond 401). */
export function assertDestination(auth: XMatrixAuth, ourServerName: string): void {
  if (auth.destination !== undefined && auth.destination !== ourServerName) {
    throw fail(`destination ${JSON.stringify(auth.destination)} is not this server`);
  }
}

/**
 * True when `auth.sig` is `publicKey`'s signature of the request as received. `req.destination` is our
 * own name, which the signed object always carried, even when the header had no destination. A header
 * destination naming another server makes it false (call assertDestination for the precise error).
 */
export function verifyXMatrix(
  codec: JsonCodec,
  signer: Signer,
  auth: XMatrixAuth,
  req: Omit<SignedRequest, 'origin'>,
  publicKey: Uint8Array,
): boolean {
  if (auth.destination !== undefined && auth.destination !== req.destination) return false;
  const signature = tryDecodeBase64(auth.sig);
  if (signature === undefined) return false;
  return signer.verify(publicKey, signedRequestBytes(codec, { ...req, origin: auth.origin }), signature);
}

const CONTENT_MEMBER = new TextEncoder().encode('{"content":');

/**
 * Canonical JSON of the request signing object. With `contentBytes`, they are spliced in: "content" sorts
 * before "destination", "method", "origin" and "uri", so it is always the first member.
 */
export function signedRequestBytes(codec: JsonCodec, req: SignedRequest): Uint8Array {
  if (req.contentBytes === undefined) return codec.encode(requestSigningObject(req));
  const rest = codec.encode(requestSigningObject({ ...req, content: undefined }));
  const out = new Uint8Array(CONTENT_MEMBER.length + req.contentBytes.length + rest.length);
  out.set(CONTENT_MEMBER);
  out.set(req.contentBytes, CONTENT_MEMBER.length);
  out[CONTENT_MEMBER.length + req.contentBytes.length] = 0x2c; // ','
  out.set(rest.subarray(1), CONTENT_MEMBER.length + req.contentBytes.length + 1);
  return out;
}
