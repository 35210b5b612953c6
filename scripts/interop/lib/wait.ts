// Polling until something federated arrives (eventual consistency between two servers), with a clear timeout.

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Calls `probe` until it returns something other than undefined/false, and returns that. On timeout throws
 * naming `what` and the last value or error seen.
 */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false,
  opts: WaitOptions = {}): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      const seen = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`timed out after ${opts.timeoutMs ?? 30_000} ms waiting for ${what} (last: ${seen})`);
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 200));
  }
}
