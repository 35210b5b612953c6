// FederationClient against a real local HTTPS server (self-signed cert from core/keys/tls-cert.ts).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { generateSelfSignedCert } from '../keys/tls-cert.ts';
import { FederationClient, type Authorize, type AuthorizeRequest } from './federation-client.ts';
import { FailureKind, FederationRequestError } from './federation-error.ts';
import { path } from './path.ts';
import { ServerResolver, type ResolvedServer, type Resolver } from './resolve-server.ts';
import { createWellKnownFetcher } from './well-known-fetch.ts';

const cert = generateSelfSignedCert({ host: '127.0.0.1' });

// A stand-in signature binding method, uri and content: the server recomputes it from what it received.
const fakeSig = (method: string, uri: string, content: unknown) =>
  createHash('sha256').update(JSON.stringify([method, uri, content ?? null])).digest('base64');
const authorize: Authorize = (r) =>
  `X-Matrix origin="${r.origin}",destination="${r.destination}",key="ed25519:t",sig="${fakeSig(r.method, r.uri, r.content)}"`;

interface Seen {
  method: string;
  url: string;
  host: string | undefined;
  authorization: string | undefined;
  authorizationValid: boolean;
  body: unknown;
}

let server: https.Server;
let port = 0;
let connections = 0;
let wellKnownMode: 'direct' | 'redirect' | 'loop' = 'direct';
const seen: Seen[] = [];

function send(res: ServerResponse, status: number, body: string, type = 'application/json', extra: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': type, ...extra });
  res.end(body);
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  const body = raw === '' ? undefined : JSON.parse(raw);
  const url = req.url!;
  const auth = req.headers.authorization;
  const sig = auth?.match(/sig="([^"]*)"/)?.[1];
  seen.push({
    method: req.method!,
    url,
    host: req.headers.host,
    authorization: auth,
    authorizationValid: sig === fakeSig(req.method!, url, body),
    body,
  });
  const p = url.split('?')[0]!;
  if (p.startsWith('/echo')) return send(res, 200, JSON.stringify({ method: req.method, url, body: body ?? null }));
  if (p === '/slow') return; // never answers
  if (p === '/forbidden') return send(res, 403, JSON.stringify({ errcode: 'M_FORBIDDEN', error: 'not in room' }));
  if (p === '/ratelimited') return send(res, 429, JSON.stringify({ errcode: 'M_LIMIT_EXCEEDED', retry_after_ms: 1234 }));
  if (p === '/gateway') return send(res, 502, '<html>bad gateway</html>', 'text/html', { 'retry-after': '7' });
  if (p === '/big') return send(res, 200, JSON.stringify({ pad: 'x'.repeat(5000) }));
  if (p === '/big-chunked') {
    res.writeHead(200, { 'content-type': 'application/json' });
    for (let i = 0; i < 10; i++) res.write('x'.repeat(500));
    return res.end();
  }
  if (p === '/notjson') return send(res, 200, 'hello', 'text/plain');
  if (p === '/.well-known/matrix/server') {
    if (wellKnownMode === 'redirect') return send(res, 302, '', 'text/plain', { location: '/real-wk' });
    if (wellKnownMode === 'loop') return send(res, 302, '', 'text/plain', { location: '/.well-known/matrix/server' });
  }
  if (p === '/.well-known/matrix/server' || p === '/real-wk') {
    return send(res, 200, JSON.stringify({ 'm.server': `127.0.0.1:${port}` }), 'application/json', {
      'cache-control': 'max-age=60',
    });
  }
  send(res, 404, JSON.stringify({ errcode: 'M_UNRECOGNIZED', error: 'unknown' }));
}

before(async () => {
  server = https.createServer({ key: cert.keyPem, cert: cert.certPem }, (req, res) => void handle(req, res));
  server.on('connection', () => connections++);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

/** A resolver that sends everything to the local server, with the given Host header. */
const fixedResolver = (hostHeader: string, tlsServername: string | null): Resolver => ({
  resolve: async (serverName): Promise<ResolvedServer> => ({
    serverName, host: '127.0.0.1', port, hostHeader, tlsServername, step: 'explicit-port',
  }),
});

async function rejection(p: Promise<unknown>): Promise<FederationRequestError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof FederationRequestError, `expected FederationRequestError, got ${e}`);
    return e;
  }
  assert.fail('expected a rejection');
}

describe('FederationClient over HTTPS (tlsVerify=false)', () => {
  let client: FederationClient;
  const calls: AuthorizeRequest[] = [];
  before(() => {
    client = new FederationClient({
      serverName: 'origin.test',
      authorize: (r) => (calls.push(r), authorize(r)),
      tlsVerify: false,
    });
  });
  after(() => client.close());

  test('signs the exact uri (with query) and round-trips a JSON body', async () => {
    const dest = `127.0.0.1:${port}`;
    const roomId = '!room/x:example.org';
    const txn = { origin: 'origin.test', pdus: [], edus: [{ edu_type: 'm.typing', content: { a: 'é€😀' } }] };
    const res = await client.request<{ method: string; url: string; body: unknown }>(dest, {
      method: 'PUT',
      path: path`/echo/${roomId}`,
      query: { ver: ['10', '11'], q: 'a b&c' },
      body: txn,
    });
    const uri = '/echo/!room%2Fx%3Aexample.org?ver=10&ver=11&q=a%20b%26c';
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { method: 'PUT', url: uri, body: txn });
    const s = seen.at(-1)!;
    assert.equal(s.url, uri);
    assert.equal(s.authorizationValid, true);
    assert.match(s.authorization!, /^X-Matrix origin="origin\.test",destination="127\.0\.0\.1:\d+",/);
    assert.equal(s.host, dest); // step 1: Host = the server name
    assert.deepEqual(calls.at(-1), { method: 'PUT', uri, origin: 'origin.test', destination: dest, content: txn });
  });

  test('GET has no content; auth:false sends no Authorization; POST without body sends {}', async () => {
    const dest = `127.0.0.1:${port}`;
    assert.deepEqual(await client.get(dest, '/echo/get'), { method: 'GET', url: '/echo/get', body: null });
    assert.equal('content' in calls.at(-1)!, false);
    assert.equal(seen.at(-1)!.authorizationValid, true);
    await client.get(dest, '/echo/key', { auth: false });
    assert.equal(seen.at(-1)!.authorization, undefined);
    assert.deepEqual(await client.post(dest, '/echo/post', undefined), { method: 'POST', url: '/echo/post', body: {} });
    assert.deepEqual(calls.at(-1)!.content, {});
  });

  test('keep-alive: sequential requests reuse pooled connections', async () => {
    const run = async (connectionsPerOrigin: number | undefined) => {
      const fresh = new FederationClient({ serverName: 'o', authorize, tlsVerify: false, ...(connectionsPerOrigin ? { connectionsPerOrigin } : {}) });
      const start = connections;
      for (let i = 0; i < 12; i++) await fresh.get(`127.0.0.1:${port}`, path`/echo/${i}`);
      await fresh.close();
      return connections - start;
    };
    assert.equal(await run(1), 1);
    // With a larger pool, undici marks a connection free a tick after the body ends, so the request that
    // follows at once may open a second connection; after that the two alternate.
    const opened = await run(undefined);
    assert.ok(opened >= 1 && opened <= 2, `opened ${opened} connections for 12 requests`);
  });

  test('a Matrix error becomes FederationRequestError with status and errcode', async () => {
    const dest = `127.0.0.1:${port}`;
    const e = await rejection(client.get(dest, '/forbidden'));
    assert.equal(e.kind, FailureKind.HTTP);
    assert.equal(e.status, 403);
    assert.equal(e.errcode, 'M_FORBIDDEN');
    assert.equal(e.destination, dest);
    assert.deepEqual(e.body, { errcode: 'M_FORBIDDEN', error: 'not in room' });
    assert.match(e.message, /403 M_FORBIDDEN not in room/);

    const r = await rejection(client.get(dest, '/ratelimited'));
    assert.deepEqual([r.status, r.errcode, r.retryAfterMs], [429, 'M_LIMIT_EXCEEDED', 1234]);

    const g = await rejection(client.get(dest, '/gateway'));
    assert.deepEqual([g.kind, g.status, g.errcode, g.retryAfterMs], ['http', 502, undefined, 7000]);
  });

  test('body size limit and non-JSON 2xx', async () => {
    const dest = `127.0.0.1:${port}`;
    const big = await rejection(client.get(dest, '/big', { maxResponseBytes: 1000 }));
    assert.equal(big.kind, FailureKind.TOO_LARGE);
    const chunked = await rejection(client.get(dest, '/big-chunked', { maxResponseBytes: 1000 }));
    assert.equal(chunked.kind, FailureKind.TOO_LARGE);
    const ok = await client.get<{ pad: string }>(dest, '/big', { maxResponseBytes: 6000 });
    assert.equal(ok.pad.length, 5000);
    const nj = await rejection(client.get(dest, '/notjson'));
    assert.deepEqual([nj.kind, nj.status], [FailureKind.BAD_RESPONSE, 200]);
  });

  test('timeouts fire: headers timeout, overall deadline; a caller abort is reported as aborted', async () => {
    const dest = `127.0.0.1:${port}`;
    const h = await rejection(client.get(dest, '/slow', { headersTimeoutMs: 100 }));
    assert.equal(h.kind, FailureKind.TIMEOUT);
    const d = await rejection(client.get(dest, '/slow', { timeoutMs: 100 }));
    assert.equal(d.kind, FailureKind.TIMEOUT);
    const ac = new AbortController();
    const pending = client.get(dest, '/slow', { signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    const a = await rejection(pending);
    assert.equal(a.kind, FailureKind.ABORTED);
  });

  test('connection refused is a network failure; a bad server name is a resolve failure', async () => {
    const probe = https.createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const closedPort = (probe.address() as AddressInfo).port;
    probe.close();
    await once(probe, 'close');
    const e = await rejection(client.get(`127.0.0.1:${closedPort}`, '/x'));
    assert.equal(e.kind, FailureKind.NETWORK);
    const r = await rejection(client.get('not a server', '/x'));
    assert.equal(r.kind, FailureKind.RESOLVE);
  });
});

describe('TLS verification', () => {
  test('tlsVerify=true rejects the self-signed cert; tlsVerify=false accepts it', async () => {
    const strict = new FederationClient({ serverName: 'o', authorize, tlsVerify: true });
    const e = await rejection(strict.get(`127.0.0.1:${port}`, '/echo/strict'));
    assert.equal(e.kind, FailureKind.TLS);
    await strict.close();
    const lax = new FederationClient({ serverName: 'o', authorize, tlsVerify: false });
    assert.equal((await lax.get<{ url: string }>(`127.0.0.1:${port}`, '/echo/lax')).url, '/echo/lax');
    await lax.close();
  });

  test('with the cert trusted: IP (no SNI) and the localhost name validate, a wrong name does not', async () => {
    const trusting = (resolver?: Resolver) =>
      new FederationClient({ serverName: 'o', authorize, tlsVerify: true, ca: cert.certPem, ...(resolver ? { resolver } : {}) });
    const byIp = trusting();
    assert.equal((await byIp.get<{ url: string }>(`127.0.0.1:${port}`, '/echo/ip')).url, '/echo/ip');
    await byIp.close();

    const byName = trusting(fixedResolver(`localhost:${port}`, 'localhost'));
    assert.equal((await byName.get<{ url: string }>('whatever.test', '/echo/name')).url, '/echo/name');
    assert.equal(seen.at(-1)!.host, `localhost:${port}`);
    await byName.close();

    const wrong = trusting(fixedResolver('wrong.example.org', 'wrong.example.org'));
    const e = await rejection(wrong.get('whatever.test', '/echo/wrong'));
    assert.equal(e.kind, FailureKind.TLS);
    assert.equal((e.cause as NodeJS.ErrnoException).code, 'ERR_TLS_CERT_ALTNAME_INVALID');
    await wrong.close();
  });
});

describe('well-known delegation', () => {
  test('a fake well-known delegates fake.example to the local server; X-Matrix keeps the pre-delegation name', async () => {
    const fetched: string[] = [];
    const resolver = new ServerResolver({
      fetchWellKnown: async (host) => {
        fetched.push(host);
        return { status: 200, cacheControl: undefined, body: Buffer.from(JSON.stringify({ 'm.server': `127.0.0.1:${port}` })) };
      },
      resolveSrv: async () => assert.fail('no SRV lookup expected'),
    });
    const calls: AuthorizeRequest[] = [];
    const client = new FederationClient({
      serverName: 'origin.test', tlsVerify: false, resolver,
      authorize: (r) => (calls.push(r), authorize(r)),
    });
    const res = await client.get<{ url: string }>('fake.example', '/echo/delegated');
    assert.equal(res.url, '/echo/delegated');
    assert.deepEqual(fetched, ['fake.example']);
    assert.equal(calls.at(-1)!.destination, 'fake.example');
    assert.match(seen.at(-1)!.authorization!, /destination="fake\.example"/);
    assert.equal(seen.at(-1)!.host, `127.0.0.1:${port}`); // step 3, delegated IP literal with port
    await client.close();
  });

  test('the default fetcher follows redirects, reports Cache-Control, and stops on loops', async () => {
    const agent = new Agent({ connect: { rejectUnauthorized: false } });
    const fetchWk = createWellKnownFetcher({ dispatcher: agent, port });
    try {
      wellKnownMode = 'direct';
      const direct = await fetchWk('127.0.0.1');
      assert.equal(direct.status, 200);
      assert.equal(direct.cacheControl, 'max-age=60');
      assert.deepEqual(JSON.parse(Buffer.from(direct.body).toString()), { 'm.server': `127.0.0.1:${port}` });

      wellKnownMode = 'redirect';
      const redirected = await fetchWk('127.0.0.1');
      assert.equal(redirected.status, 200);
      assert.equal(seen.at(-1)!.url, '/real-wk');

      wellKnownMode = 'loop';
      await assert.rejects(fetchWk('127.0.0.1'), /redirect loop/);
    } finally {
      wellKnownMode = 'direct';
      await agent.close();
    }
  });
});
