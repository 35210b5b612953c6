// The command line as a user meets it: bad flags exit 2, --help, and SIGTERM finishes in-flight work, then exits 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSelfSignedCert } from './keys/tls-cert.ts';
import { signJson } from './matrix/signing.ts';
import { encodeBase64 } from './matrix/base64.ts';
import makeJson from '../plugins/json/single-pass.ts';
import makeSigner from '../plugins/signer/node-crypto.ts';
import { call } from './testing/http.ts';
import { freePort } from './testing/test-server.ts';
import { PROJECT_ROOT } from './server.ts';

const MAIN = join(PROJECT_ROOT, 'core', 'main.ts');
const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { encoding: 'utf8', timeout: 30_000 });

test('unknown or malformed flags: a clear message and exit code 2', () => {
  for (const args of [['--bogus'], ['--federation-port', 'x'], ['--federation-tls-verify', 'maybe'], ['--experiment', 'no-such-experiment', '--no-watch']]) {
    const r = run(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /fluctlight: /);
  }
});

test('--help prints the options and exits 0', () => {
  const r = run(['--help']);
  assert.equal(r.status, 0);
  for (const flag of ['--server-name', '--federation-port', '--admin-port', '--data-dir', '--experiment', '--federation-tls-verify', '--no-watch']) assert.ok(r.stdout.includes(flag), flag);
});

test('SIGTERM: stops accepting, finishes the request in flight, exits 0', async () => {
  // A slow key server: answers a valid, signed key response after 800 ms.
  const json = makeJson();
  const signer = makeSigner();
  const seed = new Uint8Array(32).fill(3);
  const cert = generateSelfSignedCert({ host: '127.0.0.1' });
  const slowPort = await freePort();
  const slowName = `127.0.0.1:${slowPort}`;
  const body = signJson(json, signer, { server_name: slowName, valid_until_ts: Date.now() + 3_600_000, verify_keys: { 'ed25519:s': { key: encodeBase64(signer.publicKey(seed)) } } }, { entity: slowName, keyId: 'ed25519:s', seed });
  const slow = createServer({ key: cert.keyPem, cert: cert.certPem }, (_req, res) => setTimeout(() => res.end(JSON.stringify(body)), 800));
  await new Promise<void>((r) => slow.listen(slowPort, '127.0.0.1', r));

  const dataDir = mkdtempSync(join(tmpdir(), 'fl-main-'));
  const fed = await freePort();
  const admin = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--federation-port', String(fed), '--admin-port', String(admin), '--data-dir', dataDir, '--no-watch', '--federation-tls-verify', 'false'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  try {
    for (let i = 0; ; i++) {
      if ((await call('GET', `http://127.0.0.1:${admin}/_lab/status`).catch(() => ({ status: 0 }))).status === 200) break;
      assert.ok(i < 300, `server did not start: ${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const inFlight = call('GET', `https://127.0.0.1:${fed}/_matrix/key/v2/query/${slowName}`);
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGTERM');
    const r = await inFlight;
    assert.equal(r.status, 200, 'the in-flight request was answered');
    assert.equal(r.body.server_keys.length, 1);
    assert.equal(await exited, 0, out);
    assert.match(out, /SIGTERM/);
    const after = await call('GET', `https://127.0.0.1:${fed}/_matrix/federation/v1/version`).catch((e: Error) => e);
    assert.ok(after instanceof Error, 'no longer listening');
  } finally {
    child.kill('SIGKILL');
    slow.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
