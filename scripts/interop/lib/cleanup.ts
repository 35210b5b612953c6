// Process-wide cleanup for started peers: runs on normal teardown, on SIGINT/SIGTERM, and (synchronously) at exit.
// Each started Synapse or Fluctlight registers here, so a failed assertion, a test timeout, a crash of the test
// file or a signal from the runner never leaves a server behind.

export interface Cleanup {
  readonly what: string;
  /** Graceful teardown (awaited by teardown code and by the signal handlers). */
  run(): Promise<void>;
  /** Last resort at process exit, where only synchronous work is possible (kill a child, spawnSync a script). */
  runSync(): void;
}

const pending = new Set<Cleanup>();
let installed = false;
/** How long the signal handlers give all graceful cleanups before exiting anyway. */
const SIGNAL_GRACE_MS = 30_000;

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', () => {
    for (const c of pending) {
      try {
        c.runSync();
      } catch (e) {
        process.stderr.write(`cleanup ${c.what} at exit failed: ${String(e)}\n`);
      }
    }
    pending.clear();
  });
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      process.stderr.write(`${signal}: stopping ${pending.size} started server(s)\n`);
      const timer = setTimeout(() => process.exit(code), SIGNAL_GRACE_MS);
      void cleanupAll().finally(() => {
        clearTimeout(timer);
        process.exit(code);
      });
    });
  }
}

/** Registers a cleanup; the returned function removes it again (call it once the resource is gone). */
export function registerCleanup(c: Cleanup): () => void {
  install();
  pending.add(c);
  return () => {
    pending.delete(c);
  };
}

/**
 * Runs every pending graceful cleanup (in parallel); errors are reported, never thrown. A cleanup that failed
 * stays registered, so its synchronous fallback still runs at exit.
 */
export async function cleanupAll(): Promise<void> {
  const all = [...pending];
  pending.clear();
  const results = await Promise.allSettled(all.map((c) => c.run()));
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') return;
    process.stderr.write(`cleanup ${all[i]!.what} failed: ${String(r.reason)}\n`);
    pending.add(all[i]!);
  });
}
