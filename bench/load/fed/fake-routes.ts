// What a fake server answers (uWebSockets.js): its key, and cheap acknowledgements of what the server under test
// sends it — transactions (200 {"pdus":{}} without looking inside: the generator measures the target, not
// itself), empty device lists and key queries (Synapse asks for them when remote users join). Anything else is
// 404 M_UNRECOGNIZED, counted, with a few paths kept for the report.
import type uws from 'uWebSockets.js';

export interface Received {
  /** PUT /send transactions and their body bytes. */
  txns: number;
  bytes: number;
  /** performance.now() of the last transaction, for waiting until the target's outgoing queue is drained. */
  lastAt: number;
  keyFetches: number;
  /** Requests answered 404, and a few of their paths. */
  unknown: number;
  unknownSamples: string[];
}

const JSON_HEADER = 'application/json';
const EMPTY_TXN = '{"pdus":{}}';
const MAX_SAMPLES = 8;

/** Mounts the routes; returns the live counters. */
export function serveFakeRoutes(app: uws.TemplatedApp, keyResponse: Buffer): Received {
  const r: Received = { txns: 0, bytes: 0, lastAt: 0, keyFetches: 0, unknown: 0, unknownSamples: [] };
  const reply = (res: uws.HttpResponse, status: string, body: string | Buffer): void => {
    res.cork(() => res.writeStatus(status).writeHeader('content-type', JSON_HEADER).end(body));
  };
  /** Reads (and drops) the body, then answers. uWS neuters chunks after the callback: nothing is kept. */
  const drain = (res: uws.HttpResponse, done: (bytes: number) => void) => {
    let aborted = false;
    let bytes = 0;
    res.onAborted(() => (aborted = true));
    res.onData((chunk, isLast) => {
      bytes += chunk.byteLength;
      if (isLast && !aborted) done(bytes);
    });
  };

  app.get('/_matrix/key/v2/server', (res) => {
    r.keyFetches++;
    reply(res, '200 OK', keyResponse);
  });
  app.put('/_matrix/federation/v1/send/:txnId', (res) => {
    drain(res, (bytes) => {
      r.txns++;
      r.bytes += bytes;
      r.lastAt = performance.now();
      reply(res, '200 OK', EMPTY_TXN);
    });
  });
  app.get('/_matrix/federation/v1/user/devices/:userId', (res, req) => {
    const user = decodeURIComponent(req.getParameter(0) ?? '');
    reply(res, '200 OK', JSON.stringify({ user_id: user, stream_id: 0, devices: [] }));
  });
  app.post('/_matrix/federation/v1/user/keys/query', (res) => {
    drain(res, () => reply(res, '200 OK', '{"device_keys":{}}'));
  });
  app.get('/_matrix/federation/v1/version', (res) => reply(res, '200 OK', '{"server":{"name":"fluctlight-bench-fake","version":"0"}}'));
  app.any('/*', (res, req) => {
    r.unknown++;
    const what = `${req.getMethod().toUpperCase()} ${req.getUrl()}`;
    if (r.unknownSamples.length < MAX_SAMPLES && !r.unknownSamples.includes(what)) r.unknownSamples.push(what);
    const method = req.getMethod();
    const answer = () => reply(res, '404 Not Found', '{"errcode":"M_UNRECOGNIZED","error":"not served by the bench fake server"}');
    if (method === 'get' || method === 'head') answer();
    else drain(res, answer);
  });
  return r;
}
