// Fluctlight as a child process for a test: `node --import tsx core/main.ts …` (not npm, so signals reach it)
// on free loopback ports with a scratch data dir, ready once GET /_lab/status answers; output goes to a log file.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parseKeyFile } from '../../../core/keys/signing-key-file.ts';
import type { SigningKey } from '../../../core/matrix/signing.ts';
import { call } from '../../../core/testing/http.ts';
import { registerCleanup } from './cleanup.ts';
import { tailFile } from './log-tail.ts';
import { REPO_ROOT } from './paths.ts';
import { freePort } from './ports.ts';
import { keepEverything, nextPath } from './run-dir.ts';

export interface FluctlightOptions {
  /** Default: a new folder in the run dir (removed by dispose unless kept). */
  dataDir?: string;
  /** Extra command-line flags, e.g. ['--experiment', 'naive']. */
  flags?: string[];
  /** Until /_lab/status answers. Default 90 s (a cold tsx + esbuild start on a slow CI machine). */
  readyTimeoutMs?: number;
}

const PORT_ATTEMPTS = 3;
const STOP_TIMEOUT_MS = 15_000;
const POLL_MS = 100;

function cleanEnv(): NodeJS.ProcessEnv {
  // The config reads FLUCTLIGHT_* variables: only our flags may configure the server under test. The test
  // runner's own marker must not leak either.
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('FLUCTLIGHT_') && k !== 'NODE_TEST_CONTEXT') env[k] = v;
  }
  return env;
}

export class FluctlightProcess {
  readonly fedPort: number;
  readonly adminPort: number;
  /** `127.0.0.1:<fedPort>`: an IP literal, so Synapse connects straight to our federation port. */
  readonly serverName: string;
  readonly fedUrl: string;
  readonly adminUrl: string;
  readonly dataDir: string;
  readonly logPath: string;
  /** Our scratch folder: the log, and the data dir unless the caller gave one. */
  readonly #base: string;
  readonly flags: readonly string[];
  /** How long the last start took until ready, ms. */
  startMs = 0;
  #child: ChildProcess | undefined;
  #exit: Promise<number | null> | undefined;
  #unregister: () => void;

  private constructor(fedPort: number, adminPort: number, base: string, dataDir: string, flags: readonly string[]) {
    this.fedPort = fedPort;
    this.adminPort = adminPort;
    this.serverName = `127.0.0.1:${fedPort}`;
    this.fedUrl = `https://127.0.0.1:${fedPort}`;
    this.adminUrl = `http://127.0.0.1:${adminPort}`;
    this.#base = base;
    this.dataDir = dataDir;
    this.logPath = join(base, 'fluctlight.log');
    this.flags = flags;
    this.#unregister = registerCleanup({ what: `fluctlight ${this.serverName}`, run: () => this.dispose(), runSync: () => this.#child?.kill('SIGKILL') });
  }

  /** Starts a server on free ports; retries with new ports when one was taken meanwhile. */
  static async start(opts: FluctlightOptions = {}): Promise<FluctlightProcess> {
    const base = nextPath('fluctlight');
    const dataDir = opts.dataDir ?? join(base, 'data');
    mkdirSync(base, { recursive: true });
    mkdirSync(dataDir, { recursive: true });
    let lastError: unknown;
    for (let attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
      const fed = await freePort();
      let admin = await freePort();
      while (admin === fed) admin = await freePort();
      const f = new FluctlightProcess(fed, admin, base, dataDir, opts.flags ?? []);
      try {
        await f.#launch(opts.readyTimeoutMs ?? 90_000);
        return f;
      } catch (e) {
        lastError = e;
        await f.dispose({ keep: true });
        if (!/port in use/.test(String(e))) break;
      }
    }
    throw lastError;
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  get running(): boolean {
    return this.#child !== undefined;
  }

  /** The signing key the server generated in its data dir (`signing.key`, first line), filed under our name. */
  signingKey(): SigningKey {
    const path = join(this.dataDir, 'signing.key');
    const first = parseKeyFile(readFileSync(path, 'utf8'), path)[0]!;
    return { entity: this.serverName, keyId: first.keyId, seed: first.seed };
  }

  async #launch(readyTimeoutMs: number): Promise<void> {
    const t0 = performance.now();
    const args = ['--import', 'tsx', 'core/main.ts', '--server-name', this.serverName,
      '--federation-port', String(this.fedPort), '--admin-port', String(this.adminPort), '--data-dir', this.dataDir,
      '--federation-tls-verify', 'false', '--no-watch', ...this.flags];
    const log = openSync(this.logPath, 'a');
    writeSync(log, `==== ${new Date().toISOString()} node ${args.join(' ')}\n`);
    let child: ChildProcess;
    try {
      child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: cleanEnv(), stdio: ['ignore', log, log] });
    } finally {
      closeSync(log); // the child has its own copy of the descriptor
    }
    this.#child = child;
    this.#exit = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        if (this.#child === child) this.#child = undefined;
        resolve(code ?? (signal ? -1 : null));
      });
    });
    const exited = this.#exit.then((code) => ({ exited: code }));
    const deadline = Date.now() + readyTimeoutMs;
    for (;;) {
      const r = await Promise.race([this.#status(), exited]);
      if ('exited' in r) throw new Error(`fluctlight exited during startup (code ${r.exited}):\n${this.logTail(40)}`);
      if (r.up) break;
      if (r.other !== undefined) throw new Error(`admin port in use: ${this.adminUrl} is another server (${r.other})`);
      if (Date.now() > deadline) {
        throw new Error(`fluctlight did not answer ${this.adminUrl}/_lab/status in ${readyTimeoutMs} ms:\n${this.logTail(40)}`);
      }
      await new Promise((res) => setTimeout(res, POLL_MS));
    }
    this.startMs = performance.now() - t0;
  }

  /** 'up' when our server answers /_lab/status, 'down' while nothing listens yet, or the name of another server. */
  async #status(): Promise<{ up: boolean; other?: string }> {
    let r;
    try {
      r = await call('GET', `${this.adminUrl}/_lab/status`);
    } catch {
      return { up: false }; // not listening yet
    }
    if (r.status !== 200) return { up: false };
    const name = r.body?.server_name;
    return name === this.serverName ? { up: true } : { up: false, other: String(name) };
  }

  /** SIGTERM (graceful), SIGKILL after `timeoutMs`; resolves to the exit code (-1 when killed by a signal). */
  async stop(opts: { signal?: NodeJS.Signals; timeoutMs?: number } = {}): Promise<number | null> {
    const child = this.#child;
    if (!child || !this.#exit) return null;
    child.kill(opts.signal ?? 'SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? STOP_TIMEOUT_MS);
    try {
      return await this.#exit;
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGKILL, no grace: a crash. */
  kill(): Promise<number | null> {
    return this.stop({ signal: 'SIGKILL' });
  }

  /** Stops (if running) and starts again on the same ports and data dir; the log file continues. */
  async restart(opts: { readyTimeoutMs?: number } = {}): Promise<void> {
    await this.stop();
    await this.#launch(opts.readyTimeoutMs ?? 90_000);
  }

  /**
   * Stops it and removes its scratch folder: the log and the data dir we made (a data dir the caller gave is
   * left alone). Everything is kept with `keep` or INTEROP_KEEP=1, e.g. after a failure.
   */
  async dispose(opts: { keep?: boolean } = {}): Promise<void> {
    await this.stop();
    this.#unregister();
    if (opts.keep || keepEverything()) return;
    rmSync(this.#base, { recursive: true, force: true });
  }

  log(): string {
    try {
      return readFileSync(this.logPath, 'utf8');
    } catch {
      return '';
    }
  }

  logTail(lines = 80): string {
    return tailFile(this.logPath, lines);
  }
}

/** Shorthand for FluctlightProcess.start. */
export const startFluctlight = (opts?: FluctlightOptions): Promise<FluctlightProcess> => FluctlightProcess.start(opts);
