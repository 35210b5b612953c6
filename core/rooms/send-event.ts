// Messages, state events and redactions from users of this server (client-server-api §Sending events;
// §Redactions: v6–v10 carry `redacts` at the top level, v11+ in content).
import type { EngineContext } from './engine-context.ts';
import { sendLocalEvent } from './local-event.ts';

/** A timeline event (default type m.room.message); returns its event id once durable. */
export function sendMessage(ctx: EngineContext, roomId: string, sender: string, content: Record<string, unknown>, type = 'm.room.message'): Promise<string> {
  return sendLocalEvent(ctx, roomId, { type, sender, content });
}

export function sendState(ctx: EngineContext, roomId: string, sender: string, type: string, stateKey: string, content: Record<string, unknown>): Promise<string> {
  return sendLocalEvent(ctx, roomId, { type, stateKey, sender, content });
}

/** Redacts `target`; it is applied to the target's stored form when the redaction rules allow it. */
export function redactEvent(ctx: EngineContext, roomId: string, sender: string, target: string, reason?: string): Promise<string> {
  return sendLocalEvent(ctx, roomId, { type: 'm.room.redaction', sender, content: reason === undefined ? {} : { reason }, redacts: target });
}
