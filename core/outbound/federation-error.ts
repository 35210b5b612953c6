// The error every failed outgoing federation request rejects with.

/** Why the request failed; senders use it to pick a back-off. */
export const FailureKind = {
  /** The server name is invalid or could not be resolved. */
  RESOLVE: 'resolve',
  /** TCP-level failure: refused, reset, DNS of the target host, closed mid-response. */
  NETWORK: 'network',
  /** TLS handshake or certificate verification failed. */
  TLS: 'tls',
  /** Connect, headers, body or overall deadline timed out. */
  TIMEOUT: 'timeout',
  /** The caller's AbortSignal fired. */
  ABORTED: 'aborted',
  /** The peer answered with a non-2xx status. */
  HTTP: 'http',
  /** The response body exceeded the size limit. */
  TOO_LARGE: 'too-large',
  /** A 2xx response whose body is not JSON. */
  BAD_RESPONSE: 'bad-response',
} as const;
export type FailureKind = (typeof FailureKind)[keyof typeof FailureKind];

export interface FederationRequestErrorInit {
  kind: FailureKind;
  destination: string;
  method: string;
  uri: string;
  status?: number;
  errcode?: string;
  body?: unknown;
  retryAfterMs?: number;
  cause?: unknown;
}

export class FederationRequestError extends Error {
  readonly kind: FailureKind;
  /** The destination server name (pre-delegation). */
  readonly destination: string;
  readonly method: string;
  readonly uri: string;
  /** HTTP status, when the peer answered. */
  readonly status: number | undefined;
  /** The Matrix `errcode`, when the peer sent a Matrix error body. */
  readonly errcode: string | undefined;
  /** The parsed error body, when it was JSON. */
  readonly body: unknown;
  /** From `retry_after_ms` in the body or a `Retry-After` header (seconds). */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, init: FederationRequestErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'FederationRequestError';
    this.kind = init.kind;
    this.destination = init.destination;
    this.method = init.method;
    this.uri = init.uri;
    this.status = init.status;
    this.errcode = init.errcode;
    this.body = init.body;
    this.retryAfterMs = init.retryAfterMs;
  }
}
