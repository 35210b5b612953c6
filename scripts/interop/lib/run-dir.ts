// One scratch folder per test process for logs and Fluctlight data dirs; kept when something failed.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let dir: string | undefined;
let counter = 0;

/** `$INTEROP_RUN_DIR` when set, else a new folder under the OS temp dir, created on first use. */
export function runDir(): string {
  if (dir === undefined) {
    const base = process.env.INTEROP_RUN_DIR;
    dir = base ? join(base, `p${process.pid}`) : mkdtempSync(join(tmpdir(), 'fluctlight-interop-'));
    mkdirSync(dir, { recursive: true });
  }
  return dir;
}

/** A fresh unique sub-path name of the run dir (not created), e.g. `fluctlight-1`. */
export function nextPath(prefix: string): string {
  return join(runDir(), `${prefix}-${++counter}`);
}

/** True when INTEROP_KEEP=1: keep every log, data dir and Synapse folder, even after a pass. */
export function keepEverything(): boolean {
  return process.env.INTEROP_KEEP === '1';
}

/** Deletes the run dir (after a pass), unless INTEROP_KEEP=1. */
export function removeRunDir(): void {
  if (dir === undefined || keepEverything()) return;
  rmSync(dir, { recursive: true, force: true });
  dir = undefined;
}
