// A server we start as a child process: spawn (pinned), keep the tail of its output, wait until it answers,
// stop it by its own pid (SIGTERM, then SIGKILL after a grace period).
import { spawn, type ChildProcess } from 'node:child_process';
import { pinned } from '../../lib/proc.ts';
import { waitReady } from '../../lib/http.ts';

const TAIL_LINES = 40;

export interface ChildServer {
  readonly pid: number;
  /** The last lines it printed (stdout and stderr), for error messages. */
  tail(): string;
  alive(): boolean;
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  readonly cmd: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** taskset -c CPUS, or null. */
  readonly cpus: string | null;
  /** Polled until it answers 200. */
  readonly readyUrl: string;
  readonly readyTimeoutMs: number;
  readonly env?: NodeJS.ProcessEnv;
}

export async function spawnServer(o: SpawnOptions): Promise<ChildServer> {
  const [cmd, args] = pinned(o.cpus, o.cmd, o.args);
  // taskset execs the command, so the child's pid is the server's own.
  const child: ChildProcess = spawn(cmd, args, { cwd: o.cwd, env: o.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > TAIL_LINES) lines.splice(0, lines.length - TAIL_LINES);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((r) => child.once('exit', () => ((exited = true), r())));
  child.once('error', (e) => lines.push(`spawn error: ${e.message}`));
  const server: ChildServer = {
    pid: child.pid ?? -1,
    tail: () => lines.join('\n'),
    alive: () => !exited && child.pid !== undefined,
    async stop(graceMs = 10_000) {
      if (exited || child.pid === undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exit;
      clearTimeout(timer);
    },
  };
  try {
    await waitReady(o.readyUrl, o.readyTimeoutMs, server.alive);
  } catch (e) {
    await server.stop(2_000);
    throw new Error(`${o.cmd} ${o.args.join(' ')}: ${(e as Error).message}\n--- its output ---\n${server.tail()}`);
  }
  return server;
}
