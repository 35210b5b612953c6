// Live reload from source: edit a plugin file under a watching server and see it rebuilt, checked and swapped in;
// a broken build or a failing self-check leaves the old implementation serving.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call } from '../testing/http.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { PROJECT_ROOT } from '../server.ts';

const root = mkdtempSync(join(tmpdir(), 'fl-watch-'));
let server: TestServer | undefined;
after(async () => {
  await server?.stop();
  rmSync(root, { recursive: true, force: true });
});

async function status(): Promise<any> {
  return (await call('GET', `${server!.adminUrl}/_lab/status`)).body;
}

async function waitFor(what: string, pred: (s: any) => boolean, ms = 15_000): Promise<any> {
  const deadline = Date.now() + ms;
  for (;;) {
    const s = await status();
    if (pred(s)) return s;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(s.swaps.slice(-3))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('an edited plugin is rebuilt and swapped in; broken builds and failing self-checks are refused', async () => {
  // A scratch project: its own plugins/ and experiments/, the real core/ and node_modules/ linked in.
  cpSync(join(PROJECT_ROOT, 'plugins'), join(root, 'plugins'), { recursive: true });
  cpSync(join(PROJECT_ROOT, 'experiments'), join(root, 'experiments'), { recursive: true });
  symlinkSync(join(PROJECT_ROOT, 'core'), join(root, 'core'));
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'));
  server = await startTestServer([], { root, watch: true });
  const s0 = await status();
  const json0 = s0.slots.json;

  // 1. A real change to the active json implementation: rebuilt and swapped in (new generation).
  appendFileSync(join(root, 'plugins', 'json', `${json0.impl}.ts`), '\nexport const reloadMarker = 1;\n');
  const s1 = await waitFor('the json reload', (s) => s.slots.json.generation > json0.generation);
  assert.equal(s1.slots.json.impl, json0.impl);
  assert.ok(s1.reloads >= 1);

  // 2. A syntax error: the build fails, nothing is swapped, requests keep working.
  const signerFile = join(root, 'plugins', 'signer', `${s1.slots.signer.impl}.ts`);
  const good = readFileSync(signerFile, 'utf8');
  writeFileSync(signerFile, good + '\nexport const = ;\n');
  await waitFor('the build failure to be logged', () => server!.logLines.some((l) => l.includes('plugin rebuild failed')));
  const s2 = await status();
  assert.equal(s2.slots.signer.generation, s1.slots.signer.generation);
  const keys = await call('GET', `${server.fedUrl}/_matrix/key/v2/server`);
  assert.equal(keys.status, 200);

  // 3. It builds, but signs wrongly: the self-check refuses it and the old signer keeps serving.
  writeFileSync(signerFile, good.replace(/sign\(seed, message\) \{/, '$&\n      return new Uint8Array(64);'));
  assert.notEqual(readFileSync(signerFile, 'utf8'), good, 'the test could not plant the bug');
  const s3 = await waitFor('the refused swap', (s) => s.swaps.some((r: any) => r.slot === 'signer' && r.ok === false && r.trigger === 'reload'));
  assert.equal(s3.slots.signer.generation, s1.slots.signer.generation);
  const failed = s3.swaps.filter((r: any) => r.slot === 'signer' && !r.ok).at(-1);
  assert.match(failed.error, /self-check|signature|vector/i);
  const b = await call('POST', `${server.fedUrl}/_matrix/key/v2/query`, { server_keys: { [server.config.serverName]: {} } });
  assert.equal(b.status, 200);
});
