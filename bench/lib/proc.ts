// Linux /proc readings about a process (peak RSS, CPU time) and the taskset CPU pinning helper.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** A `/proc/<pid>/status` field in bytes (e.g. VmHWM, the peak resident set), or null if unreadable. */
export function statusBytes(pid: number, field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

let clkTck: number | undefined;
/** Clock ticks per second of /proc/<pid>/stat times (getconf CLK_TCK; 100 on Linux in practice). */
function ticksPerSecond(): number {
  if (clkTck === undefined) {
    try {
      clkTck = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clkTck = 100;
    }
  }
  return clkTck;
}

/** User + system CPU seconds the process (all its threads) has used, or null if unreadable. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name (which may contain spaces): utime is field 14, stime 15.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) / ticksPerSecond();
  } catch {
    return null;
  }
}

/** Which cores the generator and the server(s) run on, or why they are not pinned. */
export type Pinning =
  | { readonly pinned: true; readonly generator_cpus: string; readonly server_cpus: string; readonly tool: 'taskset' }
  | { readonly pinned: false; readonly reason: string };

/**
 * With ≥ 2 cores and taskset installed: generator on cpu 0, servers on the last cpu (2 cores → 0 and 1; more
 * cores → the generator gets the lower half, the servers the upper half).
 */
export function choosePinning(wanted: boolean): Pinning {
  if (!wanted) return { pinned: false, reason: '--no-pin' };
  const n = cpus().length;
  if (n < 2) return { pinned: false, reason: `only ${n} cpu` };
  try {
    execFileSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' });
  } catch {
    return { pinned: false, reason: 'taskset not available' };
  }
  const half = Math.floor(n / 2);
  const range = (a: number, b: number) => (a === b ? String(a) : `${a}-${b}`);
  return { pinned: true, tool: 'taskset', generator_cpus: range(0, half - 1), server_cpus: range(half, n - 1) };
}

/** `cmd args` prefixed with `taskset -c CPUS` when pinned. */
export function pinned(cpusList: string | null, cmd: string, args: readonly string[]): [string, string[]] {
  return cpusList === null ? [cmd, [...args]] : ['taskset', ['-c', cpusList, cmd, ...args]];
}

/** Pins every thread of a running process (e.g. Synapse, started by a script). Returns false on failure. */
export function pinRunning(pid: number, cpusList: string): boolean {
  try {
    execFileSync('taskset', ['-a', '-p', '-c', cpusList, String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export { freePort } from '../../core/testing/free-port.ts';

/** Every cpu in a taskset list ("0", "1-3", "0,2"). */
export function cpuList(list: string): number[] {
  return list.split(',').flatMap((part) => {
    const [a, b] = part.split('-').map(Number);
    return b === undefined ? [a!] : Array.from({ length: b - a! + 1 }, (_, i) => a! + i);
  });
}

/** Busy and total jiffies of these cpus from /proc/stat (busy = all but idle and iowait), or null. */
export function cpuJiffies(cpus: readonly number[]): { busy: number; total: number } | null {
  try {
    const lines = readFileSync('/proc/stat', 'utf8').split('\n');
    let busy = 0;
    let total = 0;
    for (const n of cpus) {
      const line = lines.find((l) => l.startsWith(`cpu${n} `));
      if (!line) return null;
      const f = line.trim().split(/\s+/).slice(1, 9).map(Number); // user nice system idle iowait irq softirq steal
      const sum = f.reduce((x, y) => x + y, 0);
      total += sum;
      busy += sum - f[3]! - f[4]!;
    }
    return { busy, total };
  } catch {
    return null;
  }
}
