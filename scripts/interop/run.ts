// `npm run test:interop`: the interop suite against a real Synapse. Checks the prerequisites (root, shared/
// beside the repo), builds the Synapse chroot when missing (setup.sh), then runs scripts/interop/*.interop.ts
// (or the files named) with node --test, under an overall deadline; stops any Synapse the run left behind.
// Extra arguments go to node --test, e.g. `npm run test:interop -- --test-name-pattern=notary`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { framed, tailFile } from './lib/log-tail.ts';
import { InteropSetupError, REPO_ROOT, sharedDir, synapseChroot, synapseScript } from './lib/paths.ts';

const env = process.env;
const num = (v: string | undefined, d: number) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : d);
/** Whole run, default 30 min; per test, default 3 min; files in parallel, default 1 (Synapse is CPU-heavy). */
const RUN_TIMEOUT_MS = num(env.INTEROP_TIMEOUT_MS, 30 * 60_000);
const TEST_TIMEOUT_MS = num(env.INTEROP_TEST_TIMEOUT_MS, 180_000);
const CONCURRENCY = num(env.INTEROP_CONCURRENCY, 1);
const SETUP_TIMEOUT_MS = 20 * 60_000;
const RUN_ID = String(process.pid);

const log = (m: string) => process.stdout.write(`[interop] ${m}\n`);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
function die(m: string): never {
  process.stderr.write(`[interop] ERROR: ${m}\n`);
  process.exit(1);
}

function findSuites(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.endsWith('.interop.ts')).sort().map((n) => relative(REPO_ROOT, join(dir, n)));
}

/** Names of this run's Synapse instances found in `dir` (files `<name><suffix>`). */
function ofThisRun(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((n) => n.startsWith(`fli-${RUN_ID}-`) && n.endsWith(suffix)).map((n) => n.slice(0, n.length - suffix.length));
}

/** Every `fluctlight.log` under the run dir. */
function fluctlightLogs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('fluctlight.log')).map((p) => join(dir, p));
}

/** After a deadline the test files could not print their servers' logs: print them from here. */
function printLogs(runDir: string): void {
  let out = '';
  for (const f of fluctlightLogs(runDir)) out += framed(`fluctlight log ${f}`, tailFile(f, 150));
  const srv = join(synapseChroot(), 'srv', 'synapse');
  for (const name of ofThisRun(srv, '')) out += framed(`synapse log ${join(srv, name, 'homeserver.log')}`, tailFile(join(srv, name, 'homeserver.log'), 150));
  process.stderr.write(out);
}

// 1. Prerequisites.
if (typeof process.getuid === 'function' && process.getuid() !== 0) {
  die('the Synapse peer runs in a chroot and needs root: run this as root (CI does).');
}
try {
  log(`shared/ at ${sharedDir()}`);
} catch (e) {
  if (e instanceof InteropSetupError) die(e.message);
  throw e;
}

// 2. The Synapse chroot (a no-op taking about a second when it is already there; ~2-3 min the first time).
const t0 = performance.now();
log('Synapse chroot: setup.sh');
const setup = spawnSync(synapseScript('setup.sh'), [], { stdio: ['ignore', 'inherit', 'inherit'], timeout: SETUP_TIMEOUT_MS });
if (setup.status !== 0) die(`setup.sh failed (${setup.error?.message ?? (setup.signal ? `signal ${setup.signal}` : `exit ${setup.status}`)})`);
log(`Synapse chroot ready in ${secs(performance.now() - t0)}`);

// 3. The suites.
const args = process.argv.slice(2);
const named = args.filter((a) => a.endsWith('.interop.ts'));
const flags = args.filter((a) => !a.endsWith('.interop.ts'));
const files = named.length > 0 ? named : findSuites(join(REPO_ROOT, 'scripts', 'interop'));
if (files.length === 0) die('no *.interop.ts files found');
log(`running ${files.length} suite(s): ${files.join(' ')}`);
const t1 = performance.now();
const nodeArgs = ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${CONCURRENCY}`,
  `--test-timeout=${TEST_TIMEOUT_MS}`, ...flags, ...files];
// Its own process group, so a deadline or a signal reaches every test file, their Fluctlight children and the
// Synapse processes they started (each test file stops its servers on SIGTERM).
// Logs and data dirs of all test files go under one folder, removed after a pass (INTEROP_KEEP=1 keeps it).
const runDir = mkdtempSync(join(env.INTEROP_RUN_DIR || tmpdir(), 'fluctlight-interop-'));
const child = spawn(process.execPath, nodeArgs, {
  cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'], detached: true,
  env: { ...env, INTEROP_RUN_ID: RUN_ID, INTEROP_RUN_DIR: runDir },
});
const signalGroup = (s: NodeJS.Signals) => {
  try {
    process.kill(-child.pid!, s);
  } catch {
    // already gone
  }
};
let timedOut = false;
const deadline = setTimeout(() => {
  timedOut = true;
  process.stderr.write(`[interop] ERROR: the suite ran longer than ${secs(RUN_TIMEOUT_MS)}: stopping it\n`);
  signalGroup('SIGTERM');
  setTimeout(() => signalGroup('SIGKILL'), 45_000).unref();
}, RUN_TIMEOUT_MS);
for (const s of ['SIGINT', 'SIGTERM'] as const) process.on(s, () => signalGroup(s));

const code = await new Promise<number>((resolve) => child.once('exit', (c, s) => resolve(c ?? (s ? 128 : 1))));
clearTimeout(deadline);
log(`suites finished in ${secs(performance.now() - t1)} (exit ${code})`);

// 4. Safety net: a test file killed hard (SIGKILL, deadline) cannot stop its Synapse; do it here.
const left = ofThisRun(env.SYNAPSE_RUN || '/var/cache/synapse-peer/run', '.pid');
if (left.length > 0) {
  process.stderr.write(`[interop] WARNING: stopping Synapse instances left running: ${left.join(' ')}\n`);
  spawnSync(synapseScript('stop.sh'), left, { stdio: 'inherit', timeout: 120_000 });
}
if (timedOut) printLogs(runDir);
const failed = timedOut || code !== 0;
if (failed || env.INTEROP_KEEP === '1') {
  const kept = ofThisRun(join(synapseChroot(), 'srv', 'synapse'), '');
  log(`kept: ${runDir}${kept.length ? ` and Synapse folders ${kept.map((n) => join(synapseChroot(), 'srv', 'synapse', n)).join(' ')}` : ''}`);
} else {
  rmSync(runDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
