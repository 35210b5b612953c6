// One fake remote homeserver played by the federation load generator: its own name `127.0.0.1:<port>`, its own
// ed25519 key published (self-signed) at GET /_matrix/key/v2/server over TLS, a cheap sink for what the server
// under test sends it, and X-Matrix signed requests to that server (server-server-api §Request Authentication).
import { randomBytes } from 'node:crypto';
import { Pool } from 'undici';
import uws from 'uWebSockets.js';
import { encodeBase64 } from '../../../core/matrix/base64.ts';
import { signJson, type SigningKey } from '../../../core/matrix/signing.ts';
import { signRequest } from '../../../core/matrix/x-matrix.ts';
import { FED_SLOTS } from './slots.ts';
import { serveFakeRoutes, type Received } from './fake-routes.ts';

export const FAKE_KEY_ID = 'ed25519:fake';
const KEY_VALIDITY_MS = 24 * 3600_000;

export interface FakeServerOptions {
  /** PEM files for the TLS listener (uWS reads them while building the app). */
  readonly keyFile: string;
  readonly certFile: string;
  /** The server under test: origin (https://host:port) and server name (the X-Matrix destination). */
  readonly targetOrigin: string;
  readonly targetName: string;
  /** Keep-alive connections to the target (1 suffices for one transaction in flight). */
  readonly connections: number;
}

export interface Reply {
  readonly status: number;
  readonly body: Buffer;
}

/** A request signed ahead of time: sending it costs no JSON or crypto work. */
export interface PresignedRequest {
  readonly method: 'GET' | 'PUT' | 'POST';
  readonly uri: string;
  readonly auth: string;
  readonly body?: string;
}

export class FakeServer {
  readonly name: string;
  readonly key: SigningKey;
  readonly publicKey: Uint8Array;
  readonly received: Received;
  readonly targetName: string;
  readonly #app: uws.TemplatedApp;
  readonly #socket: uws.us_listen_socket;
  readonly #pool: Pool;
  #user = 0;

  private constructor(o: FakeServerOptions, app: uws.TemplatedApp, socket: uws.us_listen_socket, key: SigningKey, received: Received) {
    this.#app = app;
    this.#socket = socket;
    this.key = key;
    this.name = key.entity;
    this.publicKey = FED_SLOTS.signer.publicKey(key.seed);
    this.received = received;
    this.targetName = o.targetName;
    this.#pool = new Pool(o.targetOrigin, {
      connections: o.connections, pipelining: 1, keepAliveTimeout: 60_000, connect: { rejectUnauthorized: false },
    });
  }

  /** Listens on a free loopback port; the port names the server, so the key response is rendered after. */
  static async start(o: FakeServerOptions): Promise<FakeServer> {
    const app = uws.SSLApp({ key_file_name: o.keyFile, cert_file_name: o.certFile });
    const socket = await new Promise<uws.us_listen_socket>((resolve, reject) =>
      app.listen('127.0.0.1', 0, (s) => (s ? resolve(s) : reject(new Error('fake server: cannot listen on 127.0.0.1')))));
    const name = `127.0.0.1:${uws.us_socket_local_port(socket as unknown as uws.us_socket)}`;
    const key: SigningKey = { entity: name, keyId: FAKE_KEY_ID, seed: new Uint8Array(randomBytes(32)) };
    const publicKey = FED_SLOTS.signer.publicKey(key.seed);
    // server-server-api §Publishing Keys: verify_keys, valid_until_ts, self-signed.
    const keyResponse = signJson(FED_SLOTS.json, FED_SLOTS.signer, {
      server_name: name, valid_until_ts: Date.now() + KEY_VALIDITY_MS, old_verify_keys: {},
      verify_keys: { [FAKE_KEY_ID]: { key: encodeBase64(publicKey) } },
    }, key);
    const received = serveFakeRoutes(app, Buffer.from(JSON.stringify(keyResponse)));
    return new FakeServer(o, app, socket, key, received);
  }

  /** A fresh user id of this server: @u<n>-<tag>:<name>. */
  newUser(tag = 'm'): string {
    return `@u${this.#user++}-${tag}:${this.name}`;
  }

  /** The Authorization header for a request to the target (content = the parsed JSON body, if any). */
  authorization(method: string, uri: string, content?: unknown): string {
    return signRequest(FED_SLOTS.json, FED_SLOTS.signer, { method, uri, destination: this.targetName, ...(content === undefined ? {} : { content }) }, this.key);
  }

  presign(method: PresignedRequest['method'], uri: string, content?: unknown): PresignedRequest {
    const auth = this.authorization(method, uri, content);
    return content === undefined ? { method, uri, auth } : { method, uri, auth, body: JSON.stringify(content) };
  }

  /** Sends a pre-signed request; resolves with the status and the whole body (any status). */
  async send(r: PresignedRequest, timeoutMs = 120_000): Promise<Reply> {
    const res = await this.#pool.request({
      method: r.method, path: r.uri,
      headers: r.body === undefined ? { authorization: r.auth } : { authorization: r.auth, 'content-type': 'application/json' },
      ...(r.body === undefined ? {} : { body: r.body }),
      headersTimeout: timeoutMs, bodyTimeout: timeoutMs,
    });
    const chunks: Buffer[] = [];
    for await (const c of res.body) chunks.push(c as Buffer);
    return { status: res.statusCode, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) };
  }

  /** Signs and sends in one go (setup requests; measured loops use presign + send). */
  request(method: PresignedRequest['method'], uri: string, content?: unknown, timeoutMs?: number): Promise<Reply> {
    return this.send(this.presign(method, uri, content), timeoutMs);
  }

  async close(): Promise<void> {
    uws.us_listen_socket_close(this.#socket);
    this.#app.close();
    await this.#pool.close();
  }
}
