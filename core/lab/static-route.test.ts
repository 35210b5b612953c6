// Tests for the dashboard's static route at /lab/: content types, caching, 404s, no escape from the directory.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import uws from 'uWebSockets.js';
import { mountRoutes } from '../http/serve.ts';
import { rawGet } from './raw-get.ts';
import { resolveUiPath, staticRoutes } from './static-route.ts';

const SECRET = 'top-secret-do-not-serve';
let top = '';
let port = 0;
let portMissing = 0;
const sockets: uws.us_listen_socket[] = [];

async function serve(uiDir: string): Promise<number> {
  const app = uws.App();
  mountRoutes(app, staticRoutes(uiDir), { unrecognizedPrefixes: ['/_lab/'] });
  const s = await new Promise<uws.us_listen_socket>((ok, fail) => app.listen('127.0.0.1', 0, (s) => (s ? ok(s) : fail(new Error('listen')))));
  sockets.push(s);
  return uws.us_socket_local_port(s);
}

before(async () => {
  top = mkdtempSync(join(tmpdir(), 'lab-static-'));
  const ui = join(top, 'dist');
  mkdirSync(join(ui, 'assets'), { recursive: true });
  writeFileSync(join(ui, 'index.html'), '<!doctype html><title>lab</title>');
  writeFileSync(join(ui, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(ui, 'assets', 'index-abc123.css'), 'body{}');
  writeFileSync(join(ui, '.env'), SECRET);
  writeFileSync(join(ui, 'data.bin'), 'binary');
  writeFileSync(join(top, 'secret.txt'), SECRET);
  symlinkSync(join(top, 'secret.txt'), join(ui, 'link.txt'));
  port = await serve(ui);
  portMissing = await serve(join(top, 'not-built'));
});
after(() => {
  for (const s of sockets) uws.us_listen_socket_close(s);
  rmSync(top, { recursive: true, force: true });
});

test('index and assets are served with their content types and cache headers', async () => {
  const index = await rawGet(port, '/lab/');
  assert.equal(index.status, 200);
  assert.equal(index.headers['content-type'], 'text/html; charset=utf-8');
  assert.equal(index.headers['cache-control'], 'no-cache');
  assert.equal(index.body, '<!doctype html><title>lab</title>');
  assert.equal((await rawGet(port, '/lab/index.html')).status, 200);
  const js = await rawGet(port, '/lab/assets/index-abc123.js');
  assert.equal(js.status, 200);
  assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8');
  assert.equal(js.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(js.body, 'console.log(1)');
  assert.equal((await rawGet(port, '/lab/assets/index-abc123.css')).headers['content-type'], 'text/css; charset=utf-8');
});

test('/lab redirects to /lab/; unknown files, directories and unknown types are 404', async () => {
  const r = await rawGet(port, '/lab');
  assert.equal(r.status, 301);
  assert.equal(r.headers.location, '/lab/');
  for (const p of ['/lab/nope.js', '/lab/assets', '/lab/assets/', '/lab/data.bin', '/lab//index.html']) {
    assert.equal((await rawGet(port, p)).status, 404, p);
  }
});

test('no path leaves the directory: dot segments (plain or encoded), hidden files, symlinks out', async () => {
  for (const p of ['/lab/../secret.txt', '/lab/%2e%2e/secret.txt', '/lab/assets/..%2F..%2Fsecret.txt', '/lab/assets/%2E%2E%2F%2E%2E%2Fsecret.txt',
    '/lab/..%5C..%5Csecret.txt', '/lab/.env', '/lab/%2eenv', '/lab/link.txt', '/lab/index.html%00.js', '/lab/%E0%A4%A']) {
    const r = await rawGet(port, p);
    assert.equal(r.status, 404, p);
    assert.ok(!r.body.includes(SECRET), p);
  }
  assert.equal(resolveUiPath('/srv/ui', '/lab/a/../../x.js'), null);
  assert.equal(resolveUiPath('/srv/ui', '/lab/assets/x.js'), '/srv/ui/assets/x.js');
  assert.equal(resolveUiPath('/srv/ui', '/lab/'), '/srv/ui/index.html');
});

test('without a build: /lab/ says how to build it (503), other files are 404', async () => {
  const r = await rawGet(portMissing, '/lab/');
  assert.equal(r.status, 503);
  assert.match(r.headers['content-type']!, /^text\/html/);
  assert.match(r.body, /npm run lab -- build/);
  assert.equal((await rawGet(portMissing, '/lab/assets/x.js')).status, 404);
});
