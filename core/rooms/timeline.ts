// A room's timeline, newest first, for the admin API: accepted events only (no rejected, soft-failed or outlier
// events), in arrival order, paged by a position cursor.
import { EventStatus, type StoredEvent } from '../slots/store.ts';
import type { EngineContext } from './engine-context.ts';

export const TIMELINE_MAX_LIMIT = 1000;

export interface TimelinePage {
  /** Newest first. */
  readonly events: readonly StoredEvent[];
  /** Pass as `from` for the next (older) page; null when the start of the room was reached. */
  readonly next: number | null;
}

/**
 * Events of the room before position `from` (exclusive; default: the newest), at most `limit`. A position is
 * the event's index among the room's stored events (the store's per-room insertion order). Reads the store in
 * windows backwards, so a page costs about `limit` plus the filtered-out events, not the room's size.
 */
export function timeline(ctx: EngineContext, roomId: string, options: { from?: number; limit?: number } = {}): TimelinePage {
  ctx.room(roomId);
  const store = ctx.store();
  const limit = Math.max(1, Math.min(options.limit ?? 20, TIMELINE_MAX_LIMIT));
  let end = Math.min(options.from ?? Number.MAX_SAFE_INTEGER, store.roomEventCount(roomId));
  const events: StoredEvent[] = [];
  while (end > 0 && events.length < limit) {
    const start = Math.max(0, end - limit);
    const window: StoredEvent[] = [];
    let position = start;
    for (const e of store.roomEvents(roomId, start)) {
      if (position++ >= end) break;
      window.push(e);
    }
    for (let i = window.length - 1; i >= 0 && events.length < limit; i--) {
      const e = window[i]!;
      end = start + i;
      if (e.status === EventStatus.ACCEPTED) events.push(e);
    }
    if (events.length < limit) end = start;
  }
  return { events, next: end > 0 ? end : null };
}
