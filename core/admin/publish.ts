// How every admin call that makes an event ends: build, sign and check it (synchronously, so nothing else can
// slip in between), queue it for every other server that was in the room before it or is in it after it (a
// kicked or banned user's server learns of it), then wait for the journal once. The call answers only after
// `commit()`: the event and its queue entry are then durable together.
import type { ServerContext } from '../context.ts';
import { submitLocalEvent, type LocalEventSpec } from '../rooms/index.ts';
import { membershipAt } from './room-members.ts';

/** Servers an event of ours goes to: joined servers in the state before it ∪ in the room's current state. */
export function destinationsOf(ctx: ServerContext, roomId: string, eventId: string): string[] {
  const stored = ctx.data.store().get(eventId);
  const room = ctx.data.room(roomId);
  const out = new Set<string>();
  if (stored !== undefined) for (const s of membershipAt(ctx, stored.stateBefore).servers) out.add(s);
  if (room !== undefined) for (const s of membershipAt(ctx, room.currentState).servers) out.add(s);
  out.delete(ctx.serverName);
  return [...out];
}

/** Queues an event already stored to the room's other servers and waits until it is all durable. */
export async function publish(ctx: ServerContext, roomId: string, eventId: string): Promise<void> {
  ctx.sender.queuePdu(eventId, destinationsOf(ctx, roomId, eventId));
  await ctx.data.commit();
}

/** Builds, signs and stores one event of a local user (403 M_FORBIDDEN when auth refuses it), then publishes it. */
export async function sendAndPublish(ctx: ServerContext, roomId: string, spec: LocalEventSpec): Promise<string> {
  const eventId = submitLocalEvent(ctx.engine.ctx, roomId, spec);
  await publish(ctx, roomId, eventId);
  return eventId;
}

/** An m.room.member event by `sender` about `target`. */
export function memberEvent(sender: string, target: string, membership: string, reason?: string): LocalEventSpec {
  return { type: 'm.room.member', stateKey: target, sender, content: reason === undefined ? { membership } : { membership, reason } };
}
