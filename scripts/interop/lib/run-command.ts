// Runs a short-lived command (the Synapse peer scripts) to completion, with a deadline, capturing its output.
import { spawn } from 'node:child_process';

export interface CommandResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** stdout and stderr interleaved as they came. */
  readonly output: string;
  readonly ms: number;
}

export interface CommandOptions {
  env?: NodeJS.ProcessEnv;
  /** Killed (SIGTERM, then SIGKILL 5 s later) when it runs longer. */
  timeoutMs: number;
}

export function runCommand(file: string, args: readonly string[], opts: CommandOptions): Promise<CommandResult> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    // stdin closed: the scripts never prompt, and CI has no stdin.
    const child = spawn(file, args, { env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    let killer: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    }, opts.timeoutMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (killer) clearTimeout(killer);
      resolve({ code, signal, output: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - t0 });
    });
  });
}

/** Throws with the command's output when it did not exit 0. */
export async function runOrThrow(file: string, args: readonly string[], opts: CommandOptions): Promise<CommandResult> {
  const r = await runCommand(file, args, opts);
  if (r.code !== 0) {
    const how = r.signal ? `killed by ${r.signal} (timeout ${opts.timeoutMs} ms?)` : `exit code ${r.code}`;
    throw new Error(`${file} ${args.join(' ')}: ${how}\n${r.output.trimEnd()}`);
  }
  return r;
}
