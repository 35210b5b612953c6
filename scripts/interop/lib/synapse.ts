// A real Synapse peer for a test: started fresh on a free port through shared/peers/synapse/start.sh, stopped
// (and its folder removed) through stop.sh, with its log at hand for failure reports.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { registerCleanup } from './cleanup.ts';
import { tailFile } from './log-tail.ts';
import { freePort } from './ports.ts';
import { runCommand, runOrThrow } from './run-command.ts';
import { keepEverything } from './run-dir.ts';
import { synapseChroot, synapseScript } from './paths.ts';
import { SynapseClient } from './synapse-client.ts';

export interface SynapseOptions {
  /** Instance name (a folder in the chroot); default `fli-<run id>-<pid>-<n>` (the run id is run.ts's pid). */
  name?: string;
  /** `default_room_version` of the new config (start.sh's ROOM_VERSION, default 10). */
  roomVersion?: string;
  /** Synapse's log level: INFO (default) or DEBUG (every federation request); also `$INTEROP_SYNAPSE_LOG_LEVEL`. */
  logLevel?: string;
  /** Per start attempt (start.sh's own timeout is START_TIMEOUT). Default 150 s. */
  startTimeoutMs?: number;
}

/** start.sh gives up after this (seconds); we wait a little longer for it. */
const START_TIMEOUT_S = 120;
const STOP_TIMEOUT_MS = 60_000;
const PORT_ATTEMPTS = 3;
let instances = 0;

const inUse = (output: string) => /already in use|Address already in use|address in use/i.test(output);

export class SynapsePeer {
  readonly name: string;
  readonly port: number;
  /** `127.0.0.1:<port>`. */
  readonly serverName: string;
  /** `https://127.0.0.1:<port>`. */
  readonly url: string;
  /** The instance's folder on the host (config, keys, SQLite DB, logs). */
  readonly dir: string;
  readonly logPath: string;
  readonly consolePath: string;
  /** How long the last start.sh took, ms. */
  startMs: number;
  #running = true;
  #unregister: () => void;
  #client: SynapseClient | undefined;

  private constructor(name: string, port: number, startMs: number) {
    this.name = name;
    this.port = port;
    this.serverName = `127.0.0.1:${port}`;
    this.url = `https://127.0.0.1:${port}`;
    this.dir = join(synapseChroot(), 'srv', 'synapse', name);
    this.logPath = join(this.dir, 'homeserver.log');
    this.consolePath = join(this.dir, 'console.log');
    this.startMs = startMs;
    this.#unregister = registerCleanup({ what: `synapse ${name}`, run: () => this.dispose(), runSync: () => this.#stopSync() });
  }

  /** Starts a fresh instance (FRESH=1: new keys, empty DB) on a free port; retries on a port clash. */
  static async start(opts: SynapseOptions = {}): Promise<SynapsePeer> {
    const name = opts.name ?? `fli-${process.env.INTEROP_RUN_ID ?? 0}-${process.pid}-${++instances}`;
    let last = '';
    for (let attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
      const port = await freePort();
      const r = await SynapsePeer.#startScript(name, port, true, opts);
      if (r.code === 0) return new SynapsePeer(name, port, r.ms);
      last = r.output;
      if (!inUse(r.output)) break;
    }
    // Anything the failed attempt left (a half-written folder, a pid file) goes with stop.sh + rm.
    spawnSync(synapseScript('stop.sh'), [name], { stdio: 'ignore', timeout: STOP_TIMEOUT_MS });
    throw new Error(`synapse ${name} did not start:\n${last.trimEnd()}\n` +
      `console log (${join(synapseChroot(), 'srv', 'synapse', name, 'console.log')}):\n` +
      tailFile(join(synapseChroot(), 'srv', 'synapse', name, 'console.log'), 40));
  }

  static #startScript(name: string, port: number, fresh: boolean, opts: SynapseOptions) {
    const env: NodeJS.ProcessEnv = { ...process.env, FRESH: fresh ? '1' : '0', START_TIMEOUT: String(START_TIMEOUT_S) };
    if (opts.roomVersion !== undefined) env.ROOM_VERSION = opts.roomVersion;
    const level = opts.logLevel ?? process.env.INTEROP_SYNAPSE_LOG_LEVEL;
    if (level !== undefined && level !== '') env.LOG_LEVEL = level;
    return runCommand(synapseScript('start.sh'), [name, String(port)], { env, timeoutMs: opts.startTimeoutMs ?? 150_000 });
  }

  /** A client-server API client for this instance. */
  get client(): SynapseClient {
    return (this.#client ??= new SynapseClient(this.url, this.serverName));
  }

  get running(): boolean {
    return this.#running;
  }

  /** Stops the process (SIGTERM, SIGKILL after 20 s); keys and DB stay for `restart`. */
  async stop(): Promise<void> {
    if (!this.#running) return;
    await runOrThrow(synapseScript('stop.sh'), [this.name], { timeoutMs: STOP_TIMEOUT_MS });
    this.#running = false;
  }

  /** Starts the same instance again (same port, keys and DB). */
  async restart(): Promise<void> {
    await this.stop();
    const r = await SynapsePeer.#startScript(this.name, this.port, false, {});
    if (r.code !== 0) throw new Error(`synapse ${this.name} did not restart:\n${r.output.trimEnd()}\n${this.consoleTail(40)}`);
    this.startMs = r.ms;
    this.#running = true;
  }

  /** Stops it and removes its folder (kept with `keep` or INTEROP_KEEP=1, e.g. after a failure). */
  async dispose(opts: { keep?: boolean } = {}): Promise<void> {
    await this.stop();
    this.#unregister();
    if (!opts.keep && !keepEverything()) rmSync(this.dir, { recursive: true, force: true });
  }

  #stopSync(): void {
    if (this.#running) spawnSync(synapseScript('stop.sh'), [this.name], { stdio: 'ignore', timeout: STOP_TIMEOUT_MS });
    this.#running = false;
  }

  logTail(lines = 80): string {
    return tailFile(this.logPath, lines);
  }

  consoleTail(lines = 40): string {
    return tailFile(this.consolePath, lines);
  }
}

/** Shorthand for SynapsePeer.start. */
export const startSynapse = (opts?: SynapseOptions): Promise<SynapsePeer> => SynapsePeer.start(opts);
