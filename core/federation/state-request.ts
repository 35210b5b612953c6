// The checks /state and /state_ids share (server-server-api GET /state/{roomId}, GET /state_ids/{roomId}):
// the mandatory event_id, the room, the ACL, the event, membership; then the state before the event.
import type { ServerContext } from '../context.ts';
import type { Request } from '../http/route.ts';
import { missingParam, notFound } from '../matrix/errors.ts';
import { EventStatus, type StateId } from '../slots/store.ts';
import type { RoomAccess } from './room-access.ts';

export interface StateRequest {
  readonly roomId: string;
  readonly eventId: string;
  /** The state before the event (what both endpoints return). */
  readonly state: StateId;
}

/**
 * 400 M_MISSING_PARAM without `event_id`; 404 M_NOT_FOUND for an unknown room or event, an event of another
 * room, a rejected event (as Synapse) or an outlier (its state is not known); 403 M_FORBIDDEN when the ACL
 * denies the requester or it is in the room neither now nor after the event.
 */
export function stateRequest(ctx: ServerContext, access: RoomAccess, req: Request): StateRequest {
  const roomId = req.params[0]!;
  const eventId = req.query().get('event_id');
  if (eventId === null || eventId === '') throw missingParam('event_id is required');
  const origin = req.origin!;
  const room = access.room(roomId);
  access.assertAcl(room, origin);
  const e = ctx.data.store().get(eventId);
  if (e === undefined || e.roomId !== roomId) throw notFound(`unknown event ${eventId} in ${roomId}`);
  if (e.status === EventStatus.REJECTED) throw notFound(`event ${eventId} was rejected`);
  access.assertInRoom(room, origin, eventId);
  return { roomId, eventId, state: ctx.engine.stateId(eventId, 'before') };
}

/** The event ids of a state. */
export function stateIds(ctx: ServerContext, state: StateId): string[] {
  const out: string[] = [];
  for (const [, , id] of ctx.data.store().stateEntries(state)) out.push(id);
  return out;
}
