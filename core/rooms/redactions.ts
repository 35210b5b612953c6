// Applying redactions (rooms/fragments/v3-handling-redactions.md): a redaction is authorised like any event, and
// applied only once both it and its target are present and either the redaction's sender has the redact power
// level or both senders are on the same server. Applying replaces the target's stored bytes with its redacted form.
import type { RoomVersionRules } from '../matrix/room-versions.ts';
import type { Event, Pdu } from '../matrix/pdu.ts';
import { redact } from '../matrix/redaction.ts';
import { AuthContext } from '../matrix/event-auth/auth-context.ts';
import { AuthRejection } from '../matrix/event-auth/result.ts';
import { domainOf } from '../matrix/event-auth/user-id.ts';
import { bytesEqual } from '../matrix/sha256.ts';
import type { EngineContext } from './engine-context.ts';
import { EventStatus, type StoredEvent } from '../slots/store.ts';
import { stateLookup } from './evaluate.ts';

/** The event a redaction redacts: top-level `redacts` in v6–v10, `content.redacts` from v11. */
export function redactsOf(rules: RoomVersionRules, pdu: Pdu): string | undefined {
  if (pdu.type !== 'm.room.redaction') return undefined;
  const target = rules.redactsInContent ? pdu.content['redacts'] : pdu.redacts;
  return typeof target === 'string' ? target : undefined;
}

/** A redaction was accepted: apply it now, or when its target arrives. */
export function onRedactionAccepted(ctx: EngineContext, rules: RoomVersionRules, redaction: Event): void {
  const target = redactsOf(rules, redaction.pdu);
  if (target === undefined) return;
  if (ctx.store().has(target)) {
    applyRedaction(ctx, rules, redaction.eventId, target);
    return;
  }
  let pending = ctx.pendingRedactions.get(target);
  if (pending === undefined) ctx.pendingRedactions.set(target, (pending = new Set()));
  pending.add(redaction.eventId);
}

/**
 * `pendingRedactions` lives in memory: after a restart it is refilled (restore.ts) with every accepted redaction
 * whose target has not arrived, so a target arriving later is still redacted.
 */
export function restorePendingRedaction(ctx: EngineContext, e: StoredEvent): void {
  if (e.type !== 'm.room.redaction' || e.status !== EventStatus.ACCEPTED) return;
  const room = ctx.data.room(e.roomId);
  const ev = room === undefined ? undefined : ctx.event(e.eventId);
  const target = ev === undefined ? undefined : redactsOf(ctx.rules(room!), ev.pdu);
  if (target === undefined || ctx.store().has(target)) return;
  let pending = ctx.pendingRedactions.get(target);
  if (pending === undefined) ctx.pendingRedactions.set(target, (pending = new Set()));
  pending.add(e.eventId);
}

/** An event was stored: apply the accepted redactions that were waiting for it. */
export function onEventStored(ctx: EngineContext, rules: RoomVersionRules, eventId: string): void {
  const pending = ctx.pendingRedactions.get(eventId);
  if (pending === undefined) return;
  ctx.pendingRedactions.delete(eventId);
  for (const redactionId of pending) applyRedaction(ctx, rules, redactionId, eventId);
}

/** Applies `redactionId` to `targetId` when allowed; returns whether the target is (now) redacted by it. */
export function applyRedaction(ctx: EngineContext, rules: RoomVersionRules, redactionId: string, targetId: string): boolean {
  const store = ctx.store();
  const redaction = store.get(redactionId);
  const target = store.get(targetId);
  if (redaction === undefined || target === undefined || redaction.roomId !== target.roomId) return false;
  if (domainOf(redaction.sender) !== domainOf(target.sender) && !hasRedactPower(ctx, rules, redactionId, redaction.stateBefore)) return false;
  const event = ctx.event(targetId)!;
  const redacted = redact(event.pdu, rules.redaction) as Pdu;
  const bytes = ctx.slots.json.encode(redacted);
  if (bytesEqual(bytes, target.bytes)) return true;
  ctx.data.updateEvent(targetId, { bytes });
  ctx.parsed.set({ eventId: targetId, pdu: redacted });
  return true;
}

/** The redaction's sender's power level ≥ the redact level, in the state the redaction was authorised against. */
function hasRedactPower(ctx: EngineContext, rules: RoomVersionRules, redactionId: string, state: number): boolean {
  const redaction = ctx.event(redactionId);
  const lookup = stateLookup(ctx, state);
  const create = lookup('m.room.create', '');
  if (redaction === undefined || create === undefined) return false;
  try {
    const auth = new AuthContext(rules, redaction, lookup, create, {});
    return auth.powerLevel(redaction.pdu.sender) >= auth.levels.named('redact');
  } catch (e) {
    if (e instanceof AuthRejection) return false;
    throw e;
  }
}
