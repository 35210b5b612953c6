// Membership changes by users of this server (client-server-api §Room membership; the m.room.member event the
// auth rules then judge: rooms/v*.md rule 4 [v12: 5]). Each builds the event and submits it like any local event.
import type { EngineContext } from './engine-context.ts';
import { sendLocalEvent } from './local-event.ts';

export interface MemberExtras {
  /** A human-readable reason (kick, ban, leave, invite). */
  readonly reason?: string;
  readonly displayname?: string;
}

function memberContent(membership: string, extras?: MemberExtras): Record<string, unknown> {
  const c: Record<string, unknown> = { membership };
  if (extras?.reason !== undefined) c['reason'] = extras.reason;
  if (extras?.displayname !== undefined) c['displayname'] = extras.displayname;
  return c;
}

const member = (ctx: EngineContext, roomId: string, sender: string, target: string, membership: string, extras?: MemberExtras) =>
  sendLocalEvent(ctx, roomId, { type: 'm.room.member', stateKey: target, sender, content: memberContent(membership, extras) });

/** A local user joins a room this server is in (public, or invited). Joining remote rooms is the federation layer's. */
export const join = (ctx: EngineContext, roomId: string, userId: string, extras?: MemberExtras) =>
  member(ctx, roomId, userId, userId, 'join', extras);

/** `sender` invites `target` (a remote invitee's server is told through /invite by the federation layer). */
export const invite = (ctx: EngineContext, roomId: string, sender: string, target: string, extras?: MemberExtras) =>
  member(ctx, roomId, sender, target, 'invite', extras);

/** A local user leaves (or rejects an invite, or withdraws a knock). */
export const leave = (ctx: EngineContext, roomId: string, userId: string, extras?: MemberExtras) =>
  member(ctx, roomId, userId, userId, 'leave', extras);

/** `sender` kicks `target` (membership leave set by someone else). */
export const kick = (ctx: EngineContext, roomId: string, sender: string, target: string, extras?: MemberExtras) =>
  member(ctx, roomId, sender, target, 'leave', extras);

export const ban = (ctx: EngineContext, roomId: string, sender: string, target: string, extras?: MemberExtras) =>
  member(ctx, roomId, sender, target, 'ban', extras);

/** Lifts a ban: the target's membership goes from ban to leave. */
export const unban = (ctx: EngineContext, roomId: string, sender: string, target: string, extras?: MemberExtras) =>
  member(ctx, roomId, sender, target, 'leave', extras);
