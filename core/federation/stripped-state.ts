// The state that helps a user decide on an invite or knock (client-server-api §Stripped state;
// server-server-api PUT /v2/invite `invite_room_state`, PUT /send_knock `knock_room_state`). Since v1.16
// (MSC4311) the create event MUST be there and every entry is a full PDU of the room's version: we send the
// stored events as they are.
import type { ServerContext } from '../context.ts';
import type { StateId } from '../slots/store.ts';

/** The stripped-state event types, in the order listed by the spec. */
export const STRIPPED_STATE_TYPES = [
  'm.room.create', 'm.room.name', 'm.room.avatar', 'm.room.topic', 'm.room.join_rules', 'm.room.canonical_alias', 'm.room.encryption',
] as const;

/** Event ids of the stripped state in `state`, plus the member events of `members` when present. */
export function strippedStateIds(ctx: ServerContext, state: StateId, members: readonly string[] = []): string[] {
  const store = ctx.engine.ctx.store();
  const ids: string[] = [];
  for (const type of STRIPPED_STATE_TYPES) {
    const id = store.stateGet(state, type, '');
    if (id !== undefined) ids.push(id);
  }
  for (const m of members) {
    const id = store.stateGet(state, 'm.room.member', m);
    if (id !== undefined && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** The stripped state as parsed PDUs (for a request body). */
export function strippedStatePdus(ctx: ServerContext, state: StateId, members: readonly string[] = []): unknown[] {
  return strippedStateIds(ctx, state, members).map((id) => ctx.engine.ctx.event(id)!.pdu);
}
