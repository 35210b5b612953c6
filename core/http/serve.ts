// Mounts a route table on a uWebSockets.js app: body reading, authentication, errors, 404/405, in-flight tracking.
import type { HttpRequest, HttpResponse, TemplatedApp } from 'uWebSockets.js';
import { Errcode, MatrixError } from '../matrix/errors.ts';
import { parseJsonObject } from '../matrix/strict-json.ts';
import { DEFAULT_MAX_BODY, type Method, type Reply, type Request, type Route } from './route.ts';
import { readBody } from './read-body.ts';
import { statusLine } from './status-text.ts';

export interface ServeOptions {
  /** Checks an x-matrix route's request; resolves to the origin server name or throws a MatrixError. */
  authenticate?(req: Request, route: Route): Promise<string>;
  /** Called when a request starts; the returned function is called exactly once when it has been answered or aborted. */
  track?(route: Route | undefined): (status: number) => void;
  /** Path prefixes answered with 404/405 M_UNRECOGNIZED when no route matches (others get a bare 404). */
  unrecognizedPrefixes?: readonly string[];
  /** Log for unexpected (non-Matrix) errors. */
  log?(message: string, err: unknown): void;
}

const JSON_TYPE = 'application/json';
/** Headers a route may read: only those its kind needs are copied out of uWS (each read is a native call). */
function headersFor(route: Route): readonly string[] {
  const hasBody = route.method === 'PUT' || route.method === 'POST';
  return [...(route.auth === 'x-matrix' ? ['authorization'] : []), ...(hasBody ? ['content-length', 'content-type'] : [])];
}
const UPPER: Readonly<Record<string, Method>> = { get: 'GET', put: 'PUT', post: 'POST', delete: 'DELETE' };

class IncomingRequest implements Request {
  origin: string | undefined = undefined;
  body: Uint8Array | null = null;
  #query: URLSearchParams | undefined;
  #json: Record<string, unknown> | undefined;
  constructor(
    readonly method: Method,
    readonly path: string,
    readonly rawQuery: string,
    readonly params: readonly string[],
    readonly headers: Readonly<Record<string, string>>,
  ) {}
  query(): URLSearchParams {
    return (this.#query ??= new URLSearchParams(this.rawQuery));
  }
  json(): Record<string, unknown> {
    if (this.#json) return this.#json;
    if (!this.body || this.body.length === 0) throw new MatrixError(400, Errcode.NOT_JSON, 'a JSON object body is required');
    // Not strict: canonical-JSON rules apply per PDU (the engine drops a non-canonical PDU alone); a float in
    // an EDU or elsewhere in a body must not turn a whole transaction into a 400 the sender retries forever.
    return (this.#json = parseJsonObject(this.body));
  }
}

function paramCount(pattern: string): number {
  let n = 0;
  for (const seg of pattern.split('/')) if (seg.startsWith(':')) n++;
  return n;
}

function decodeParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new MatrixError(400, Errcode.INVALID_PARAM, `path parameter is not valid percent-encoding: ${raw}`);
  }
}

/** Writes a reply; the caller has corked (or is inside the uWS handler). */
function send(res: HttpResponse, reply: Reply, close = false): number {
  const status = reply.status ?? 200;
  res.writeStatus(statusLine(status));
  res.writeHeader('content-type', reply.contentType ?? JSON_TYPE);
  if (reply.headers) for (const k in reply.headers) res.writeHeader(k, reply.headers[k]!);
  const body = reply.raw ?? (reply.json === undefined ? '{}' : JSON.stringify(reply.json));
  res.end(body, close);
  return status;
}

function errorToReply(err: unknown, log: ServeOptions['log']): Reply {
  if (err instanceof MatrixError) return { status: err.status, json: err.toJSON() };
  log?.('unexpected error while handling a request', err);
  return { status: 500, json: { errcode: Errcode.UNKNOWN, error: 'internal server error' } };
}

/** Route patterns compiled to regexps, to tell 405 (known path, other method) from 404. */
function compile(pattern: string): RegExp {
  const re = pattern.split('/').map((s) => (s.startsWith(':') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp('^' + re.join('/') + '$');
}

export function mountRoutes(app: TemplatedApp, routes: readonly Route[], opts: ServeOptions = {}): void {
  const { log } = opts;
  for (const route of routes) {
    const nParams = paramCount(route.path);
    const limit = route.maxBody ?? DEFAULT_MAX_BODY;
    const hasBody = route.method === 'PUT' || route.method === 'POST';
    const kept = headersFor(route);
    const handler = (res: HttpResponse, req: HttpRequest) => {
      const done = opts.track?.(route);
      let aborted = false;
      let answered = false;
      const finish = (reply: Reply, close = false) => {
        if (aborted || answered) return;
        answered = true;
        res.cork(() => {
          const status = send(res, reply, close);
          done?.(status);
        });
      };
      res.onAborted(() => {
        aborted = true;
        if (!answered) done?.(499);
      });
      // Everything from `req` must be read now: it is only valid during this callback.
      const headers: Record<string, string> = {};
      for (const h of kept) {
        const v = req.getHeader(h);
        if (v !== '') headers[h] = v;
      }
      let request: IncomingRequest;
      try {
        const params: string[] = [];
        for (let i = 0; i < nParams; i++) params.push(decodeParam(req.getParameter(i) ?? ''));
        request = new IncomingRequest(route.method, req.getUrl(), req.getQuery() ?? '', params, headers);
      } catch (err) {
        finish(errorToReply(err, log), hasBody);
        return;
      }
      const fail = (err: unknown) => finish(errorToReply(err, log));
      const run = () => {
        try {
          if (route.auth === 'x-matrix' && opts.authenticate) {
            opts.authenticate(request, route).then((origin) => {
              request.origin = origin;
              return route.handle(request);
            }).then(finish, fail);
            return;
          }
          const reply = route.handle(request);
          // Fast path: a synchronous handler (pre-rendered bytes) is answered in this very callback, already
          // corked by uWS, without a promise hop.
          if (reply instanceof Promise) reply.then(finish, fail);
          else finish(reply);
        } catch (err) {
          fail(err);
        }
      };
      if (!hasBody) return run();
      const cl = headers['content-length'];
      const contentLength = cl === undefined ? -1 : /^\d+$/.test(cl) ? Number(cl) : NaN;
      if (Number.isNaN(contentLength)) return finish({ status: 400, json: { errcode: Errcode.BAD_JSON, error: 'bad Content-Length' } }, true);
      readBody(res, contentLength, limit, (o) => {
        if (!o.ok) {
          finish({ status: 413, json: { errcode: Errcode.TOO_LARGE, error: `request body exceeds ${limit} bytes` } }, true);
          return;
        }
        request.body = o.body;
        run();
      });
    };
    const m = route.method.toLowerCase() as 'get' | 'put' | 'post' | 'del';
    if (m === ('delete' as string)) app.del(route.path, handler);
    else app[m](route.path, handler);
  }

  const compiled = routes.map((r) => ({ method: r.method, re: compile(r.path) }));
  const prefixes = opts.unrecognizedPrefixes ?? ['/_matrix/'];
  app.any('/*', (res, req) => {
    const done = opts.track?.(undefined);
    const path = req.getUrl();
    const method = UPPER[req.getMethod()];
    const known = compiled.filter((c) => c.re.test(path));
    res.onAborted(() => done?.(499));
    let reply: Reply;
    if (known.length > 0 && !known.some((c) => c.method === method)) {
      reply = { status: 405, json: { errcode: Errcode.UNRECOGNIZED, error: `method ${req.getCaseSensitiveMethod().toUpperCase()} is not allowed on ${path}` } };
    } else if (prefixes.some((p) => path.startsWith(p))) {
      reply = { status: 404, json: { errcode: Errcode.UNRECOGNIZED, error: `unrecognized request: ${path}` } };
    } else {
      reply = { status: 404, json: { errcode: Errcode.NOT_FOUND, error: 'not found' } };
    }
    // A request with a body we will not read: answer and close so the connection does not stall.
    const hasBody = req.getHeader('content-length') !== '' && req.getHeader('content-length') !== '0';
    const status = send(res, reply, hasBody);
    done?.(status);
  });
}
