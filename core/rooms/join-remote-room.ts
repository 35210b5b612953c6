// Joining a room hosted elsewhere, the engine's part (server-server-api §Joining Rooms, PUT /v2/send_join): take
// the room's state and auth chain from the resident's send_join answer, check them, store them as outliers, and
// accept our join on top of that state. In three steps so the caller can backfill history in between (so the
// store's order, which the timeline follows, keeps earlier messages before our join).
import { roomVersion, type RoomVersionRules } from '../matrix/room-versions.ts';
import type { Event } from '../matrix/pdu.ts';
import { checkAuth } from '../matrix/event-auth/index.ts';
import { Errcode, MatrixError, forbidden } from '../matrix/errors.ts';
import { EventStatus, type StateId } from '../slots/store.ts';
import type { EngineContext } from './engine-context.ts';
import { stateLookup } from './evaluate.ts';
import { advanceRoom } from './extremities.ts';
import { isPlaced, Stage } from './outcome.ts';
import { authOptionsFor, checkByAuthEvents, storedAuthEvent, stateFromEvents, storeOutliers } from './outliers.ts';
import { drainWaiting, recordNew } from './record-event.ts';
import { registerRoom } from './register-room.ts';
import { verifyPdu, verifyPdus, type VerifiedPdu } from './verify-pdus.ts';

export interface RemoteJoinInput {
  readonly roomId: string;
  /** The room version make_join named. */
  readonly version: string;
  /** Our join as the room will hold it: the resident's co-signed `event` for a restricted join, else ours. */
  readonly join: unknown;
  /** send_join's `state` (the state before the join) and `auth_chain`, as received. */
  readonly state: readonly unknown[];
  readonly authChain: readonly unknown[];
}

export interface PreparedJoin {
  readonly roomId: string;
  readonly version: string;
  readonly rules: RoomVersionRules;
  readonly join: VerifiedPdu;
  readonly createEventId: string;
  /** Events that passed checks 1–3 (deduplicated; state entries first). */
  readonly events: readonly VerifiedPdu[];
  /** Ids of the events listed in `state`, in the answer's order. */
  readonly stateIds: readonly string[];
  /** Events dropped by checks 1–2, with the reason. */
  readonly dropped: ReadonlyArray<{ readonly eventId: string | undefined; readonly reason: string }>;
}

const bad = (message: string) => new MatrixError(502, Errcode.UNKNOWN, `send_join answer: ${message}`);

/**
 * Step 1 (async): checks 1–3 on our join, every state and auth chain event (signatures need the servers' keys).
 * Throws when the answer cannot be used: our join does not verify, no create event, a version mismatch.
 */
export async function prepareRemoteJoin(ctx: EngineContext, input: RemoteJoinInput): Promise<PreparedJoin> {
  const rules = roomVersion(input.version);
  if (rules === undefined) throw new MatrixError(400, Errcode.INCOMPATIBLE_ROOM_VERSION, `room version ${input.version} is not supported`, { room_version: input.version });
  const join = await verifyPdu(ctx, rules, input.roomId, input.join);
  if (!join.ok) throw bad(`our join event does not verify: ${join.reason}`);
  if (join.redactedOnReceipt) throw bad('our join event has a wrong content hash');
  const checks = await verifyPdus(ctx, rules, input.roomId, [...input.state, ...input.authChain]);
  const byId = new Map<string, VerifiedPdu>();
  const stateIds: string[] = [];
  const dropped: Array<{ eventId: string | undefined; reason: string }> = [];
  checks.forEach((c, i) => {
    if (!c.ok) return void dropped.push({ eventId: c.eventId, reason: c.reason });
    if (!byId.has(c.eventId)) byId.set(c.eventId, c);
    if (i < input.state.length) stateIds.push(c.eventId);
  });
  const create = stateIds.map((id) => byId.get(id)!).find((e) => e.pdu.type === 'm.room.create' && e.pdu.state_key === '');
  if (create === undefined) throw bad('no valid m.room.create event in the state');
  const createVersion = create.pdu.content['room_version'] ?? '1';
  if (createVersion !== input.version) throw bad(`the create event says room version ${String(createVersion)}, make_join said ${input.version}`);
  return { roomId: input.roomId, version: input.version, rules, join, createEventId: create.eventId, events: [...byId.values()], stateIds, dropped };
}

export interface JoinState {
  /** The state before our join, built from the answer's state events that passed check 4. */
  readonly stateBefore: StateId;
  /** State entries left out (failed check 4, or a second event for one key). */
  readonly skipped: readonly string[];
}

/**
 * Step 2 (sync): registers the room, stores the state and auth chain as outliers (check 4 each), builds the state
 * before our join, and checks our join against its auth events and that state (checks 4–5): 403 if refused.
 */
export function storeJoinState(ctx: EngineContext, p: PreparedJoin): JoinState {
  registerRoom(ctx, p.roomId, p.version, p.createEventId);
  const usable = storeOutliers(ctx, p.rules, p.roomId, p.events);
  const { state, skipped } = stateFromEvents(ctx, p.stateIds, usable);
  if (ctx.store().stateGet(state, 'm.room.create', '') !== p.createEventId) throw bad('the create event failed its auth checks');
  const ev: Event = { eventId: p.join.eventId, pdu: p.join.pdu };
  const byAuth = checkByAuthEvents(ctx, p.rules, ev, (id) => storedAuthEvent(ctx, id));
  if (!byAuth.ok) throw forbidden(`our join is not allowed by its auth events: ${byAuth.reason}`);
  const r = checkAuth(p.rules, ev, stateLookup(ctx, state), undefined, authOptionsFor(ctx, ev));
  if (!r.ok) throw forbidden(`our join is not allowed by the room state: ${Stage.STATE_BEFORE}${r.reason}`);
  return { stateBefore: state, skipped };
}

/**
 * Step 3 (sync): accepts our join with `stateBefore` as the state before it (its prev events may be unknown to
 * us: the resident vouched for that state), makes it a forward extremity, and places events that were waiting
 * for it (the resident's next events may arrive first). The caller commits. Returns the join's event id.
 */
export function completeRemoteJoin(ctx: EngineContext, p: PreparedJoin, js: JoinState): string {
  const id = p.join.eventId;
  const existing = ctx.store().get(id);
  const verdict = { status: EventStatus.ACCEPTED, reason: null, stateBefore: js.stateBefore, waitFor: [] as string[] };
  if (existing === undefined) {
    recordNew(ctx, p.rules, p.roomId, { eventId: id, pdu: p.join.pdu }, p.join.bytes, verdict);
  } else if (!isPlaced(existing) || existing.status !== EventStatus.ACCEPTED) {
    // It came back to us (a /send from the resident) before this step, as an outlier: place it now.
    ctx.data.updateEvent(id, { status: EventStatus.ACCEPTED, reason: null, stateBefore: js.stateBefore });
    advanceRoom(ctx, ctx.room(p.roomId), p.rules, { ...existing, status: EventStatus.ACCEPTED, reason: null, stateBefore: js.stateBefore });
    ctx.waiting.wake(id);
  }
  drainWaiting(ctx);
  return id;
}
