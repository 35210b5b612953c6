// Swaps every slot's implementation back and forth through the lab API (PUT /_lab/slots/<slot>) on a fixed
// period while a load window runs, then puts the starting selection back.
import { call, getJson } from '../lib/http.ts';

interface LabStatus {
  slots: Record<string, { impl: string; available: string[] }>;
}

export interface SwapStats {
  readonly ticks: number;
  readonly swaps: number;
  readonly failed: number;
  readonly errorSamples: string[];
  /** swap_ms as the server reported it, per successful swap. */
  readonly swapMs: number[];
}

/**
 * Tick k (1, 2, …) moves every slot that has an alternative: odd ticks to the next alternative in turn,
 * even ticks back to the starting implementation. Slots are swapped one after another within a tick.
 */
export function tickSelection(start: Readonly<Record<string, { impl: string; available: readonly string[] }>>, k: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [slot, s] of Object.entries(start)) {
    const others = s.available.filter((i) => i !== s.impl);
    if (others.length === 0) continue;
    out[slot] = k % 2 === 1 ? others[((k - 1) / 2) % others.length]! : s.impl;
  }
  return out;
}

async function put(admin: string, slot: string, impl: string, stats: { failed: number; errorSamples: string[]; swapMs: number[] }): Promise<void> {
  try {
    const r = await call(`${admin}/_lab/slots/${slot}`, { method: 'PUT', json: { impl }, timeoutMs: 30_000 });
    if (r.status !== 200) throw new Error(`status ${r.status}: ${r.body.slice(0, 200)}`);
    const ms = (JSON.parse(r.body) as { swap_ms?: unknown }).swap_ms;
    if (typeof ms === 'number') stats.swapMs.push(ms);
  } catch (e) {
    stats.failed++;
    if (stats.errorSamples.length < 10) stats.errorSamples.push(`swap ${slot} → ${impl}: ${(e as Error).message}`);
  }
}

/** Swaps every `periodMs` until `running()` turns false; always ends on the starting selection. */
export async function swapWhile(admin: string, running: () => boolean, periodMs = 200): Promise<SwapStats> {
  const start = (await getJson<LabStatus>(`${admin}/_lab/status`)).slots;
  const stats = { ticks: 0, swaps: 0, failed: 0, errorSamples: [] as string[], swapMs: [] as number[] };
  while (running()) {
    const t = performance.now();
    stats.ticks++;
    for (const [slot, impl] of Object.entries(tickSelection(start, stats.ticks))) {
      await put(admin, slot, impl, stats);
      stats.swaps++;
    }
    const rest = periodMs - (performance.now() - t);
    if (rest > 0) await new Promise((r) => setTimeout(r, rest));
  }
  if (stats.ticks % 2 === 1) {
    for (const [slot, impl] of Object.entries(tickSelection(start, stats.ticks + 1))) await put(admin, slot, impl, stats);
  }
  return stats;
}
