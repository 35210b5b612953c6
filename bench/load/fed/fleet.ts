// The parent's handle on the federation load generator: spawns fleet-process.ts (pinned to the generator's
// cores with taskset) with an IPC channel, sends it operations and awaits their replies, stops it by its pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pinned } from '../../lib/proc.ts';
import type { FleetOp, FleetOps, FleetReplies, FleetResponse } from './protocol.ts';

const PROGRAM = fileURLToPath(new URL('./fleet-process.ts', import.meta.url));
const TAIL_LINES = 30;

export const FLEET_DESCRIPTION = 'bench/load/fed/fleet-process.ts: N fake homeservers in one Node process (uWS TLS key/sink servers, undici client, node:crypto signing)';

export interface FleetOptions {
  readonly targetOrigin: string;
  /** The target's server name (X-Matrix destination), e.g. 127.0.0.1:PORT. */
  readonly targetName: string;
  readonly servers: number;
  /** Connections per fake server to the target (joins in parallel need more than one). */
  readonly connections?: number;
  /** taskset -c list for the generator, or null. */
  readonly cpus: string | null;
}

export class Fleet {
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; op: string }>();
  readonly #tail: string[] = [];
  #names: readonly string[] = [];
  #next = 1;

  private constructor(child: ChildProcess) {
    this.#child = child;
    const keep = (b: Buffer) => {
      this.#tail.push(...b.toString('utf8').split('\n').filter(Boolean));
      if (this.#tail.length > TAIL_LINES) this.#tail.splice(0, this.#tail.length - TAIL_LINES);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.on('message', (m: FleetResponse) => {
      const p = this.#pending.get(m.id);
      if (!p) return;
      this.#pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(`generator ${p.op}: ${m.error}`));
    });
    child.once('exit', (code, signal) => {
      for (const p of this.#pending.values()) p.reject(new Error(`generator exited (${signal ?? code}) during ${p.op}\n${this.#tail.join('\n')}`));
      this.#pending.clear();
    });
  }

  static async start(o: FleetOptions): Promise<Fleet> {
    const [cmd, argv] = pinned(o.cpus, process.execPath, ['--import', 'tsx', PROGRAM]);
    const fleet = new Fleet(spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] }));
    try {
      const { names } = await fleet.call('init', { targetOrigin: o.targetOrigin, targetName: o.targetName, servers: o.servers, connections: o.connections ?? 1 });
      fleet.#names = names;
      return fleet;
    } catch (e) {
      fleet.#child.kill('SIGKILL');
      throw e;
    }
  }

  /** The fake servers' names (127.0.0.1:PORT). */
  get names(): readonly string[] {
    return this.#names;
  }

  get pid(): number {
    return this.#child.pid ?? -1;
  }

  call<K extends FleetOp>(op: K, args: FleetOps[K]): Promise<FleetReplies[K]> {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      if (!this.#child.connected) return reject(new Error(`generator is gone (${op})\n${this.#tail.join('\n')}`));
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject, op });
      this.#child.send({ id, op, args });
    });
  }

  /** Asks it to close its servers and exit; SIGKILL after `graceMs`. */
  async stop(graceMs = 5_000): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    const exited = new Promise<void>((r) => this.#child.once('exit', () => r()));
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), graceMs);
    await this.call('close', {}).catch(() => this.#child.kill('SIGTERM'));
    await exited;
    clearTimeout(timer);
  }
}
