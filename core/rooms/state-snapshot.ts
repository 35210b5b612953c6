// A room state as another server states it (GET /state's `pdus` and `auth_chain`: server-server-api §Retrieving
// events), checked (1–4) and stored as outliers, as one StateId. Used for the state before the oldest events of
// backfilled history, whose prev events we do not have.
import type { StateId } from '../slots/store.ts';
import type { EngineContext } from './engine-context.ts';
import { stateFromEvents, storeOutliers } from './outliers.ts';
import { verifyPdus, type VerifiedPdu } from './verify-pdus.ts';

/**
 * Checks and stores the events, then builds the state from `state` (entries that failed a check are left out).
 * Undefined when the result has no create event (nothing usable).
 */
export async function acceptStateSnapshot(ctx: EngineContext, roomId: string, state: readonly unknown[], authChain: readonly unknown[]): Promise<StateId | undefined> {
  const rules = ctx.rules(ctx.room(roomId));
  const checks = await verifyPdus(ctx, rules, roomId, [...state, ...authChain]);
  const ok: VerifiedPdu[] = [];
  const stateIds: string[] = [];
  checks.forEach((c, i) => {
    if (!c.ok) return;
    ok.push(c);
    if (i < state.length) stateIds.push(c.eventId);
  });
  const usable = storeOutliers(ctx, rules, roomId, ok);
  const { state: id } = stateFromEvents(ctx, stateIds, usable);
  return ctx.store().stateGet(id, 'm.room.create', '') === undefined ? undefined : id;
}
