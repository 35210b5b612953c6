// A route: method, path pattern, authentication and body limit as data, plus the handler.
import type { MatrixError } from '../matrix/errors.ts';

export type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';
/** `x-matrix`: a signed federation request (spec §Request Authentication); `none`: anyone may call. */
export type Auth = 'none' | 'x-matrix';

export interface Request {
  readonly method: Method;
  /** The path as received (still percent-encoded), e.g. `/_matrix/federation/v1/state/%21r%3Ax`. */
  readonly path: string;
  /** The raw query string without `?` ('' when none). */
  readonly rawQuery: string;
  /** Decoded path parameters, in pattern order. */
  readonly params: readonly string[];
  /** Lower-cased header name → value: `authorization` on x-matrix routes, `content-length`/`content-type` on PUT/POST. */
  readonly headers: Readonly<Record<string, string>>;
  /** The request body (PUT/POST), exactly as received. */
  readonly body: Uint8Array | null;
  /** The authenticated origin server (x-matrix routes), else undefined. */
  origin: string | undefined;
  /** The query parsed (lazily). */
  query(): URLSearchParams;
  /** The body parsed as a JSON object (M_NOT_JSON otherwise); cached. */
  json(): Record<string, unknown>;
}

export interface Reply {
  status?: number;
  /** A value to send as JSON. */
  json?: unknown;
  /** Pre-serialised JSON bytes or text, sent as they are (the canned-bytes fast path). */
  raw?: Uint8Array | string;
  /** Other content types (the lab UI's static files). */
  contentType?: string;
  headers?: Readonly<Record<string, string>>;
}

export interface Route {
  readonly method: Method;
  /** uWebSockets.js pattern: `/static/:param/…`. */
  readonly path: string;
  readonly auth: Auth;
  /** Largest accepted body in bytes (413 M_TOO_LARGE above it). Default DEFAULT_MAX_BODY. */
  readonly maxBody?: number;
  handle(req: Request): Reply | Promise<Reply>;
  /**
   * Optional, x-matrix routes: the canonical JSON of the parsed body, for checking the request signature. A route
   * whose handler needs parts of the body encoded anyway (/send's PDUs) builds it from those parts and keeps them.
   */
  canonicalBody?(body: Record<string, unknown>): Uint8Array;
}

export const DEFAULT_MAX_BODY = 1024 * 1024;

/** The shape of an error reply, for code that wants to build one without throwing. */
export function errorReply(e: MatrixError): Reply {
  return { status: e.status, json: e.toJSON() };
}
