// What every result records about where it ran: git revision (+ dirty), Node version, CPU model and count.
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';

export interface EnvInfo {
  readonly git_revision: string;
  readonly git_dirty: boolean;
  readonly node_version: string;
  readonly cpu_model: string;
  readonly cpu_count: number;
}

function git(root: string, args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** bench/results/ is ignored by git, so writing results does not make the tree dirty. */
export function collectEnv(root: string): EnvInfo {
  const rev = git(root, ['rev-parse', 'HEAD']);
  const status = git(root, ['status', '--porcelain', '--untracked-files=normal']);
  const cpu = cpus();
  return {
    git_revision: rev ?? 'unknown',
    git_dirty: status === null ? true : status !== '',
    node_version: process.versions.node,
    cpu_model: cpu[0]?.model.trim() || 'unknown',
    cpu_count: Math.max(1, cpu.length),
  };
}
