// Test support for crash tests: run a child that prints one acknowledged number per line, SIGKILL it after a
// while, and return what it acknowledged. A child that exits by itself fails the test.
import { spawn } from 'node:child_process';

export interface KilledChild {
  /** Numbers the child printed on complete lines before it died. */
  acked: number[];
  stderr: string;
}

/** `killAfterMs` counts from the start, or from the first acknowledgement when `fromFirstAck`. */
export function runAndKill(args: readonly string[], cwd: string, killAfterMs: number, fromFirstAck: boolean): Promise<KilledChild> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    let timer: NodeJS.Timeout | null = null;
    const arm = () => (timer ??= setTimeout(() => child.kill('SIGKILL'), killAfterMs));
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      if (fromFirstAck) arm();
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    if (!fromFirstAck) arm();
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL') return reject(new Error(`child exited by itself (code ${code}):\n${stderr}`));
      const lines = out.split('\n');
      lines.pop(); // an unfinished last line was never fully printed
      resolve({ acked: lines.map(Number), stderr });
    });
  });
}
