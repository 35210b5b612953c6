// The outgoing federation HTTP client: resolve the destination, sign with X-Matrix, send over pooled HTTPS (undici).
import { Agent } from 'undici';
import { FailureKind, FederationRequestError, type FederationRequestErrorInit } from './federation-error.ts';
import { BodyTooLargeError, readBody } from './read-body.ts';
import { encodeQuery, type QueryParams } from './path.ts';
import { ServerNameError, ServerResolver, type ResolvedServer, type Resolver } from './resolve-server.ts';
import { joinHostPort } from './server-name.ts';
import { createWellKnownFetcher } from './well-known-fetch.ts';
import { classifyFailure, parseErrorBody } from './failure.ts';

type ErrorExtra = Partial<Omit<FederationRequestErrorInit, 'kind' | 'destination' | 'method' | 'uri'>>;

/** What the X-Matrix signer needs (server-server-api §Request Authentication). Server names are pre-delegation. */
export interface AuthorizeRequest {
  method: string;
  /** Path + `?query` exactly as sent. */
  uri: string;
  origin: string;
  destination: string;
  /** The JSON body; absent when the request has none. */
  content?: unknown;
}
/** Returns the `Authorization` header value (`X-Matrix origin=…,destination=…,key=…,sig=…`). */
export type Authorize = (req: AuthorizeRequest) => string;

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';

export interface FederationTimeouts {
  /** TCP + TLS handshake (per agent; not overridable per request). */
  connectMs: number;
  /** From sending the request to the end of the response headers. */
  headersMs: number;
  /** Longest gap between body chunks. */
  bodyMs: number;
}
export const DEFAULT_TIMEOUTS: FederationTimeouts = { connectMs: 10_000, headersMs: 60_000, bodyMs: 60_000 };
/** Big enough for /send_join and /state responses of large rooms. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export interface FederationClientOptions {
  /** Our server name: the X-Matrix `origin`. */
  serverName: string;
  authorize: Authorize;
  /** `--federation-tls-verify false` → false: accept any certificate (loopback peers with self-signed certs). */
  tlsVerify: boolean;
  /** Extra trusted CA certificates (PEM); replaces the default trust store when given. */
  ca?: string | string[];
  /** Defaults to the spec resolver with DNS and a well-known fetcher over this client's agent. */
  resolver?: Resolver;
  timeouts?: Partial<FederationTimeouts>;
  maxResponseBytes?: number;
  /** Connections kept per origin (host:port). Default 8. */
  connectionsPerOrigin?: number;
  userAgent?: string;
}

export interface FederationRequestOptions {
  method: HttpMethod;
  /** Already percent-encoded: build it with the `path` template tag. */
  path: string;
  query?: QueryParams;
  /** JSON body; PUT/POST without one send `{}` (spec §API standards). */
  body?: unknown;
  /** Sign with X-Matrix. Default true; false for unauthenticated endpoints such as `/_matrix/key/v2/server`. */
  auth?: boolean;
  /** Overall deadline: resolution, connection, headers and body. */
  timeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  maxResponseBytes?: number;
  signal?: AbortSignal;
}

export interface FederationResponse<T> {
  status: number;
  body: T;
}

type HelperOptions = Omit<FederationRequestOptions, 'method' | 'path' | 'body'>;

export class FederationClient {
  #serverName: string;
  #authorize: Authorize;
  #agent: Agent;
  #resolver: Resolver;
  #timeouts: FederationTimeouts;
  #maxBytes: number;
  #userAgent: string;

  constructor(opts: FederationClientOptions) {
    this.#serverName = opts.serverName;
    this.#authorize = opts.authorize;
    this.#timeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts };
    this.#maxBytes = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.#userAgent = opts.userAgent ?? 'Fluctlight';
    // One agent: a keep-alive pool per origin, no pipelining (a slow response must not stall others).
    // SNI is not set here: undici derives it per request from the Host header we send, which by the
    // spec's rules always carries the certificate name (and an IP literal, which gets no SNI).
    this.#agent = new Agent({
      connections: opts.connectionsPerOrigin ?? 8,
      pipelining: 1,
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 600_000,
      headersTimeout: this.#timeouts.headersMs,
      bodyTimeout: this.#timeouts.bodyMs,
      connect: {
        rejectUnauthorized: opts.tlsVerify,
        timeout: this.#timeouts.connectMs,
        ...(opts.ca === undefined ? {} : { ca: opts.ca }),
      },
    });
    this.#resolver =
      opts.resolver ?? new ServerResolver({ fetchWellKnown: createWellKnownFetcher({ dispatcher: this.#agent }) });
  }

  get resolver(): Resolver {
    return this.#resolver;
  }

  async request<T = unknown>(destination: string, req: FederationRequestOptions): Promise<FederationResponse<T>> {
    const uri = req.path + encodeQuery(req.query);
    const method = req.method;
    const fail = (kind: FailureKind, message: string, extra: ErrorExtra = {}) =>
      new FederationRequestError(`${method} ${destination}${uri}: ${message}`, { kind, destination, method, uri, ...extra });

    const deadline = req.timeoutMs === undefined ? undefined : AbortSignal.timeout(req.timeoutMs);
    const signals = [req.signal, deadline].filter((s): s is AbortSignal => s !== undefined);
    const signal = signals.length === 0 ? undefined : signals.length === 1 ? signals[0] : AbortSignal.any(signals);

    let target: ResolvedServer;
    try {
      target = await raceSignal(this.#resolver.resolve(destination), signal);
    } catch (err) {
      const kind = classifyFailure(err, req.signal, deadline);
      const k = kind === FailureKind.NETWORK || err instanceof ServerNameError ? FailureKind.RESOLVE : kind;
      throw fail(k, `cannot resolve: ${(err as Error).message}`, { cause: err });
    }

    const content = req.body === undefined && (method === 'PUT' || method === 'POST') ? {} : req.body;
    const headers: Record<string, string> = { host: target.hostHeader, 'user-agent': this.#userAgent };
    if (req.auth !== false) {
      const authReq: AuthorizeRequest = { method, uri, origin: this.#serverName, destination };
      if (content !== undefined) authReq.content = content;
      headers['authorization'] = this.#authorize(authReq);
    }
    let payload: string | undefined;
    if (content !== undefined) {
      payload = JSON.stringify(content);
      headers['content-type'] = 'application/json';
    }

    const limit = req.maxResponseBytes ?? this.#maxBytes;
    let status: number;
    let raw: Buffer;
    let responseHeaders: Record<string, string | string[] | undefined>;
    try {
      const res = await this.#agent.request({
        origin: `https://${joinHostPort(target.host, target.port)}`,
        path: uri,
        method,
        headers,
        body: payload ?? null,
        signal: signal ?? null,
        headersTimeout: req.headersTimeoutMs ?? this.#timeouts.headersMs,
        bodyTimeout: req.bodyTimeoutMs ?? this.#timeouts.bodyMs,
      });
      status = res.statusCode;
      responseHeaders = res.headers;
      raw = await readBody(res.body, limit, res.headers['content-length']);
    } catch (err) {
      if (err instanceof BodyTooLargeError) throw fail(FailureKind.TOO_LARGE, err.message, { cause: err });
      const kind = classifyFailure(err, req.signal, deadline);
      throw fail(kind, `${kind}: ${(err as Error).message}`, { cause: err });
    }

    if (status < 200 || status > 299) {
      const e = parseErrorBody(raw, responseHeaders['retry-after']);
      const what = e.errcode ? `${e.errcode} ${e.error ?? ''}`.trim() : 'non-Matrix error body';
      throw fail(FailureKind.HTTP, `${status} ${what}`, { status, ...e.fields });
    }
    try {
      return { status, body: JSON.parse(raw.toString('utf8')) as T };
    } catch (err) {
      throw fail(FailureKind.BAD_RESPONSE, `${status} response is not JSON`, { status, cause: err });
    }
  }

  /** GET; resolves to the response body. */
  async get<T = unknown>(destination: string, path: string, opts: HelperOptions = {}): Promise<T> {
    return (await this.request<T>(destination, { ...opts, method: 'GET', path })).body;
  }

  /** PUT with a JSON body; resolves to the response body. */
  async put<T = unknown>(destination: string, path: string, body: unknown, opts: HelperOptions = {}): Promise<T> {
    return (await this.request<T>(destination, { ...opts, method: 'PUT', path, body })).body;
  }

  /** POST with a JSON body; resolves to the response body. */
  async post<T = unknown>(destination: string, path: string, body: unknown, opts: HelperOptions = {}): Promise<T> {
    return (await this.request<T>(destination, { ...opts, method: 'POST', path, body })).body;
  }

  /** Waits for in-flight requests, then closes every pooled connection. */
  async close(): Promise<void> {
    await this.#agent.close();
  }
}

/** Rejects with the signal's reason if it fires first; the underlying work is shared, so it is not cancelled. */
function raceSignal<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
