// node:test wiring for a suite that needs a Synapse and a Fluctlight: start both before the tests, stop both
// after them whatever happened, and when any test (or the start itself) failed print both servers' logs and
// keep their folders.
import { after, afterEach, before } from 'node:test';
import { framed } from './log-tail.ts';
import { FluctlightProcess, type FluctlightOptions } from './fluctlight.ts';
import { removeRunDir, runDir } from './run-dir.ts';
import { SynapsePeer, type SynapseOptions } from './synapse.ts';

export interface PeersOptions {
  synapse?: SynapseOptions;
  fluctlight?: FluctlightOptions;
  /** Log lines printed per server on failure (default 150, or $INTEROP_LOG_LINES). */
  logLines?: number;
}

export interface Peers {
  readonly synapse: SynapsePeer;
  readonly fluct: FluctlightProcess;
  /** Marks the suite failed (logs printed, folders kept) — for failures found outside a test. */
  fail(): void;
}

/** Set once anything in this process failed: the run dir is then kept at exit. */
let anyFailure = false;
let exitHook = false;

function installExitHook(): void {
  if (exitHook) return;
  exitHook = true;
  process.on('exit', () => {
    if (anyFailure) process.stderr.write(`interop: logs and data kept in ${runDir()}\n`);
    else removeRunDir();
  });
}

const START_TIMEOUT_MS = 300_000;
const STOP_TIMEOUT_MS = 120_000;

/** Call at the top of a test file or inside a `describe`: the peers exist from its first test to its last. */
export function usePeers(opts: PeersOptions = {}): Peers {
  installExitHook();
  let synapse: SynapsePeer | undefined;
  let fluct: FluctlightProcess | undefined;
  let failed = false;
  const lines = opts.logLines ?? (Number(process.env.INTEROP_LOG_LINES) || 150);

  const report = () => {
    let out = '';
    if (fluct) out += framed(`fluctlight ${fluct.serverName} log (last ${lines} lines of ${fluct.logPath})`, fluct.logTail(lines));
    if (synapse) out += framed(`synapse ${synapse.serverName} log (last ${lines} lines of ${synapse.logPath})`, synapse.logTail(lines));
    process.stderr.write(out);
  };

  before(async () => {
    const [s, f] = await Promise.allSettled([SynapsePeer.start(opts.synapse), FluctlightProcess.start(opts.fluctlight)]);
    if (s.status === 'fulfilled') synapse = s.value;
    if (f.status === 'fulfilled') fluct = f.value;
    if (s.status === 'rejected' || f.status === 'rejected') {
      failed = anyFailure = true;
      const errors = [s, f].filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => String(r.reason?.stack ?? r.reason));
      throw new Error(`interop peers did not start:\n${errors.join('\n')}`);
    }
    process.stderr.write(`interop: synapse ${synapse!.serverName} up in ${(synapse!.startMs / 1000).toFixed(1)} s, ` +
      `fluctlight ${fluct!.serverName} up in ${(fluct!.startMs / 1000).toFixed(1)} s\n`);
  }, { timeout: START_TIMEOUT_MS });

  afterEach((t) => {
    // TestContext.passed exists at run time in Node 20.20 (also for timeouts), but not in @types/node 20.
    if ((t as unknown as { passed?: boolean }).passed === false) failed = anyFailure = true;
  });

  after(async () => {
    if (failed) report();
    await Promise.allSettled([synapse?.dispose({ keep: failed }), fluct?.dispose({ keep: failed })]);
  }, { timeout: STOP_TIMEOUT_MS });

  return {
    get synapse() {
      if (!synapse) throw new Error('synapse is not running (did the before hook fail?)');
      return synapse;
    },
    get fluct() {
      if (!fluct) throw new Error('fluctlight is not running (did the before hook fail?)');
      return fluct;
    },
    fail() {
      failed = anyFailure = true;
    },
  };
}
