// The dashboard in a real browser: builds lab-ui/, starts a server whose results dir holds generated runs,
// drives Chromium through runs list → compare → history → live, switches a slot and applies an experiment from
// the page and checks /_lab/status followed. Screenshots go to a temp dir (LAB_UI_SCREENSHOTS=<dir> keeps them).
//
// Needs /usr/bin/chromium (Debian: `apt-get install -y chromium`; LAB_UI_CHROMIUM=<path> for another one).
// Without it the test FAILS, unless LAB_UI_SKIP_BROWSER=1 says to skip it on purpose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { call } from '../core/testing/http.ts';
import { startTestServer, type TestServer } from '../core/testing/test-server.ts';
import { writeSampleResults } from '../core/lab/result-fixtures.ts';
import { labViteConfig } from './vite.config.ts';

const CHROMIUM = process.env.LAB_UI_CHROMIUM ?? '/usr/bin/chromium';
const SKIP = process.env.LAB_UI_SKIP_BROWSER === '1';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** Requests against the federation port until stopped, so the live charts have something to show. */
function load(s: TestServer): { stop(): Promise<void> } {
  let running = true;
  const loop = async () => {
    while (running) {
      await call('GET', `${s.fedUrl}/_matrix/key/v2/query/${encodeURIComponent(s.config.serverName)}`).catch(() => undefined);
      await call('GET', `${s.fedUrl}/_matrix/federation/v1/version`).catch(() => undefined);
    }
  };
  const loops = Array.from({ length: 4 }, loop);
  return { stop: async () => { running = false; await Promise.all(loops); } };
}

const rowCount = (page: Page) => page.locator('#runs-table tbody tr[data-id]').count();

/** Waits until the live view has received `n` more frames than it has now. */
async function moreFrames(page: Page, n: number): Promise<void> {
  const now = Number(await page.getAttribute('#view', 'data-frames'));
  await page.waitForFunction((target) => Number(document.getElementById('view')!.dataset.frames) >= target, now + n, { timeout: 15_000 });
}

test('lab dashboard in Chromium: runs → compare → history → live, switching a slot from the page', { skip: SKIP ? 'LAB_UI_SKIP_BROWSER=1' : false, timeout: 180_000 }, async (t) => {
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}. Install it (Debian: apt-get install -y chromium), ` +
    'point LAB_UI_CHROMIUM at another build, or set LAB_UI_SKIP_BROWSER=1 to skip this test on purpose.');
  const scratch = mkdtempSync(join(tmpdir(), 'lab-ui-test-'));
  const shots = process.env.LAB_UI_SCREENSHOTS ?? join(scratch, 'screenshots');
  mkdirSync(shots, { recursive: true });
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  try {
    await build(labViteConfig({ outDir: join(scratch, 'dist'), logLevel: 'warn' }));
    const written = writeSampleResults(join(scratch, 'results'));
    const total = written.results.length + written.reference.length;
    server = await startTestServer([], { lab: { resultsDir: join(scratch, 'results'), uiDir: join(scratch, 'dist') } });
    const s = server;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    const shot = (name: string) => page.screenshot({ path: join(shots, name), fullPage: true });

    await t.test('runs list: every valid run, malformed files reported, filters narrow the list', async () => {
      await page.goto(`${s.adminUrl}/lab/`);
      await page.waitForSelector('#runs-table tbody tr[data-id]');
      assert.equal(await rowCount(page), total);
      assert.match(await page.textContent('#skipped summary') ?? '', /2 result files were skipped/);
      await page.selectOption('#filter-scenario', 'signer');
      const signer = written.results.filter((r) => r.scenario === 'signer');
      await page.waitForFunction((n) => document.querySelectorAll('#runs-table tbody tr[data-id]').length === n, signer.length);
      const ids = await page.locator('#runs-table tbody tr[data-id]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.id));
      assert.deepEqual(new Set(ids), new Set(signer.map((r) => r.id)));
      await page.selectOption('#filter-scenario', '');
      await page.waitForFunction((n) => document.querySelectorAll('#runs-table tbody tr[data-id]').length === n, total);
    });

    await t.test('compare: bars per scenario, significant differences highlighted', async () => {
      const latest = (scenario: string, experiment: string) =>
        written.results.filter((r) => r.scenario === scenario && r.experiment === experiment).sort((a, b) => b.started_at.localeCompare(a.started_at))[0]!;
      const picks = [latest('signer', 'baseline'), latest('signer', 'tweetnacl'), latest('canonical-json', 'baseline'), latest('canonical-json', 'naive'), latest('canonical-json', 'streaming-hash')];
      for (const r of picks) await page.check(`tr[data-id="${r.id}"] input[type=checkbox]`);
      assert.equal(await page.locator('#runs-table tr.selected').count(), picks.length);
      assert.equal(await page.textContent('#compare-selected'), `Compare ${picks.length} runs`);
      // A run's details: every metric of the file (GET /_lab/results/<id>).
      const load = written.results.find((r) => r.kind === 'load' && r.experiment === 'baseline')!;
      await page.click(`tr[data-id="${load.id}"] button:has-text("details")`);
      await page.waitForSelector(`tr[data-id="${load.id}"] + tr.detail table.metrics:has-text("p99_latency")`);
      await shot('runs.png');
      await page.click('#compare-selected');
      await page.waitForSelector('#compare-table');
      assert.equal(await page.locator('.chart-card canvas').count(), 2, 'one chart per scenario');
      const headers = await page.locator('#compare-table thead th').allTextContents();
      assert.ok(headers.some((x) => x.startsWith('tweetnacl')), headers.join(' | '));
      // signer.sign with tweetnacl: ~20× slower than node:crypto, far outside the noise.
      const signRow = page.locator('#compare-table tbody tr', { hasText: 'sign' }).first();
      assert.deepEqual(await signRow.locator('td[data-verdict]').evaluateAll((tds) => tds.map((td) => (td as HTMLElement).dataset.verdict)), ['regression']);
      assert.ok(await page.locator('#compare-table td[data-verdict="regression"]').count() >= 4);
      await shot('compare.png');
    });

    await t.test('history: a scenario over revisions', async () => {
      await page.click('nav a[data-view="history"]');
      await page.waitForSelector('#history-scenario');
      await page.selectOption('#history-scenario', 'canonical-json');
      await page.waitForFunction(() => (document.querySelector('#history-scenario') as HTMLSelectElement | null)?.value === 'canonical-json' && document.querySelector('.card canvas') !== null);
      await shot('history.png');
    });

    await t.test('live: charts fill, a slot switched from the page changes /_lab/status, swaps are marked', async () => {
      const traffic = load(s);
      try {
        await page.click('nav a[data-view="live"]');
        await page.waitForSelector('#live-state.live');
        await moreFrames(page, 4);
        assert.notEqual(await page.textContent('.tile-value'), '–');
        assert.equal((await call('GET', `${s.adminUrl}/_lab/status`)).body.slots.signer.impl, 'node-crypto');
        await page.selectOption('select[data-slot="signer"]', 'tweetnacl');
        await page.waitForSelector('#swap-message.ok');
        assert.match(await page.textContent('#swap-message') ?? '', /signer → tweetnacl/);
        const status = (await call('GET', `${s.adminUrl}/_lab/status`)).body;
        assert.equal(status.slots.signer.impl, 'tweetnacl');
        assert.equal(status.slots.signer.generation, 2);
        await page.waitForSelector('#swap-log li.ok:has-text("tweetnacl")');
        await page.waitForSelector('tr[data-slot="signer"][data-impl="tweetnacl"]');
        await moreFrames(page, 4);
        await page.click('button[data-experiment="naive"]');
        await page.waitForSelector('#swap-message.ok:has-text("Experiment naive")');
        const after = (await call('GET', `${s.adminUrl}/_lab/status`)).body;
        assert.equal(after.experiment, 'naive');
        assert.equal(after.slots.json.impl, 'sort-stringify');
        assert.equal(after.slots.signer.impl, 'node-crypto');
        await page.waitForSelector('button[data-experiment="naive"].active');
        assert.equal(await page.isVisible('tr[data-counters="signer"]'), false, 'node-crypto reports no counters');
        // An implementation with counters (the verify pool) shows them under its row.
        await page.click('button[data-experiment="verify-workers"]');
        await page.waitForSelector('#swap-message.ok:has-text("Experiment verify-workers")');
        await page.waitForSelector('tr[data-counters="signer"]:not([hidden])');
        assert.match(await page.textContent('tr[data-counters="signer"]') ?? '', /workers \d+ · verified on workers \d+/);
        await moreFrames(page, 4);
        await shot('live.png');
      } finally {
        await traffic.stop();
      }
    });

    assert.deepEqual(problems, [], 'no errors in the page');
    t.diagnostic(`screenshots in ${shots}${process.env.LAB_UI_SCREENSHOTS ? '' : ' (deleted; set LAB_UI_SCREENSHOTS=<dir> to keep them)'}`);
  } finally {
    await browser?.close();
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
});
