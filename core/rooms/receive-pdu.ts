// Receiving PDUs from other servers: the checks on receipt in the spec's order (server-server-api §Checks
// performed on receipt of a PDU), fetching what is missing, storing every outcome but drops.
import type { RoomVersionRules } from '../matrix/room-versions.ts';
import type { Pdu } from '../matrix/pdu.ts';
import type { EngineContext } from './engine-context.ts';
import { evaluate } from './evaluate.ts';
import { isPlaced, Outcome, outcomeOf, type ReceiveResult } from './outcome.ts';
import { drainWaiting, recordNew } from './record-event.ts';
import { restoreOnce } from './restore.ts';
import { verifyPdu, type VerifiedPdu } from './verify-pdus.ts';

const DEFAULT_FETCH_BUDGET = 8;

interface Budget {
  fetches: number;
  /** The server the PDUs came from, asked first for what is missing. */
  readonly from: string | undefined;
}

/**
 * Runs the receipt checks on PDUs of one room and stores each outcome; resolves (one result per input, in
 * order) once everything written is durable. Checks 1–3 run concurrently for the batch (key lookups), 4–6
 * event by event. Events arriving before their prev or auth events are kept as outliers and placed when those
 * arrive (here, through `fetchMissing`, or in a later call), so the arrival order does not change the outcome.
 */
export async function receivePdus(ctx: EngineContext, roomId: string, pdus: readonly unknown[], from?: string): Promise<ReceiveResult[]> {
  const room = ctx.data.room(roomId);
  if (room === undefined) return pdus.map(() => ({ eventId: undefined, outcome: Outcome.DROPPED, reason: `unknown room ${roomId}` }));
  restoreOnce(ctx);
  const rules = ctx.rules(room);
  const budget: Budget = { fetches: ctx.options.fetchBudget ?? DEFAULT_FETCH_BUDGET, from };
  const results = await admitAll(ctx, rules, roomId, pdus, budget);
  await ctx.data.commit();
  return results;
}

async function admitAll(ctx: EngineContext, rules: RoomVersionRules, roomId: string, pdus: readonly unknown[], budget: Budget): Promise<ReceiveResult[]> {
  // Checks 1–3, concurrently for the batch (key lookups, verification elsewhere); 4–6 event by event.
  const checked = await Promise.all(pdus.map((p) => verifyPdu(ctx, rules, roomId, p, true)));
  const results: ReceiveResult[] = [];
  for (const c of checked) results.push(c.ok ? await admit(ctx, rules, roomId, c, budget) : { eventId: c.eventId, outcome: Outcome.DROPPED, reason: c.reason });
  return results;
}

/** Fetches what is missing (within the budget), then checks 4–6 and the write, synchronously. */
async function admit(ctx: EngineContext, rules: RoomVersionRules, roomId: string, p: VerifiedPdu, budget: Budget): Promise<ReceiveResult> {
  const { eventId, pdu, bytes } = p;
  const store = ctx.store();
  if (!store.has(eventId) && refersToMissing(rules, pdu, store)) await fetchMissing(ctx, rules, roomId, pdu, budget);
  // Re-read everything after the awaits: other receipts may have run meanwhile.
  const existing = ctx.store().get(eventId);
  if (existing !== undefined) {
    if (!isPlaced(existing)) {
      ctx.waiting.retry(eventId); // received again: a chance to place it
      drainWaiting(ctx);
    }
    const now = ctx.store().get(eventId)!;
    return { eventId, outcome: outcomeOf(now.status), ...(now.reason === null ? {} : { reason: now.reason }), duplicate: true };
  }
  const room = ctx.room(roomId);
  const ev = { eventId, pdu };
  const v = evaluate(ctx, room, rules, ev);
  recordNew(ctx, rules, roomId, ev, bytes, v);
  drainWaiting(ctx); // moves only events still waiting for others, which this new one is not yet
  return {
    eventId,
    outcome: outcomeOf(v.status),
    ...(v.reason === null ? {} : { reason: v.reason }),
    ...(p.redactedOnReceipt ? { redactedOnReceipt: true } : {}),
  };
}

/** Asks peers for unknown auth and prev events, and receives what they return (ordered by depth). */
async function fetchMissing(ctx: EngineContext, rules: RoomVersionRules, roomId: string, pdu: Pdu, budget: Budget): Promise<void> {
  const hook = ctx.options.fetchMissing;
  if (hook === undefined || budget.fetches <= 0) return;
  const store = ctx.store();
  const wanted = [...pdu.auth_events, ...pdu.prev_events];
  if (missesCreate(rules, pdu, store)) wanted.push('$' + pdu.room_id!.slice(1));
  const missing = [...new Set(wanted)].filter((id) => !store.has(id));
  if (missing.length === 0) return;
  budget.fetches--;
  let fetched: unknown[];
  try {
    fetched = await hook(roomId, missing, budget.from);
  } catch {
    return; // unreachable peers: the event is kept as an outlier, with the missing ids as its reason
  }
  if (fetched.length === 0) return;
  const byDepth = [...fetched].sort((a, b) => depthOf(a) - depthOf(b));
  await admitAll(ctx, rules, roomId, byDepth, budget);
}

/** Whether a prev or auth event is unknown (the usual answer, no: checked without the async fetch path). */
function refersToMissing(rules: RoomVersionRules, pdu: Pdu, store: { has(id: string): boolean }): boolean {
  for (const id of pdu.prev_events) if (!store.has(id)) return true;
  for (const id of pdu.auth_events) if (!store.has(id)) return true;
  return missesCreate(rules, pdu, store);
}

/** v12: the create event is an implicit auth event, named by the room id. */
function missesCreate(rules: RoomVersionRules, pdu: Pdu, store: { has(id: string): boolean }): boolean {
  return rules.roomIdFromCreateEvent && typeof pdu.room_id === 'string' && !store.has('$' + pdu.room_id.slice(1));
}

function depthOf(v: unknown): number {
  const d = typeof v === 'object' && v !== null ? (v as { depth?: unknown }).depth : undefined;
  return typeof d === 'number' ? d : 0;
}
