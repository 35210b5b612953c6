// After a restart the engine's in-memory indexes are empty: the events waiting for others (waiting.ts) and the
// accepted redactions waiting for their target (redactions.ts). Both are refilled in one pass over the store.
import type { EngineContext } from './engine-context.ts';
import { restorePendingRedaction } from './redactions.ts';

/** Runs once per engine, before its first receipt. */
export function restoreOnce(ctx: EngineContext): void {
  if (ctx.restored) return;
  ctx.restored = true;
  const store = ctx.store();
  for (const e of store.events()) {
    ctx.waiting.restore(e, store);
    restorePendingRedaction(ctx, e);
  }
}
