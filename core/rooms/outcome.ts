// What happened to one PDU on receipt (server-server-api §Checks performed on receipt of a PDU), and the
// reason strings stored beside an event's status, prefixed by the check that decided it.
import { EMPTY_STATE, EventStatus, type StoredEvent } from '../slots/store.ts';

/** The result of the receipt checks for one PDU; `dropped` PDUs are not stored at all (checks 1–2). */
export const Outcome = {
  ACCEPTED: 'accepted',
  SOFT_FAILED: 'soft_failed',
  REJECTED: 'rejected',
  OUTLIER: 'outlier',
  DROPPED: 'dropped',
} as const;
export type Outcome = (typeof Outcome)[keyof typeof Outcome];

export interface ReceiveResult {
  /** Undefined only when the PDU was too malformed (or its room unknown) to compute an id. */
  readonly eventId: string | undefined;
  readonly outcome: Outcome;
  readonly reason?: string;
  /** Check 3: the content hash did not match, so the redacted form was kept. */
  readonly redactedOnReceipt?: boolean;
  /** The event was already stored; `outcome` is its stored status. */
  readonly duplicate?: boolean;
}

/**
 * Stage prefixes of stored reasons. REJECTED events carry AUTH_EVENTS (check 4) or STATE_BEFORE (check 5),
 * SOFT_FAILED ones CURRENT_STATE (check 6), OUTLIER ones what they are waiting for.
 */
export const Stage = {
  AUTH_EVENTS: 'auth_events: ',
  STATE_BEFORE: 'state_before: ',
  CURRENT_STATE: 'current_state: ',
  AWAITING_AUTH: 'awaiting auth events: ',
  AWAITING_PREV: 'awaiting prev events: ',
} as const;

export function outcomeOf(status: EventStatus): Outcome {
  switch (status) {
    case EventStatus.ACCEPTED: return Outcome.ACCEPTED;
    case EventStatus.SOFT_FAILED: return Outcome.SOFT_FAILED;
    case EventStatus.REJECTED: return Outcome.REJECTED;
    default: return Outcome.OUTLIER;
  }
}

/** Check 4 failed: the event is never replayed by state resolution (rooms/v2 §Rejected events). */
export function rejectedByAuthEvents(e: StoredEvent): boolean {
  return e.status === EventStatus.REJECTED && e.reason !== null && e.reason.startsWith(Stage.AUTH_EVENTS);
}

/** An outlier whose own auth events were missing: it has not passed check 4, so it cannot authorise others. */
export function awaitingAuth(e: StoredEvent): boolean {
  return e.status === EventStatus.OUTLIER && e.reason !== null && e.reason.startsWith(Stage.AWAITING_AUTH);
}

/**
 * Whether the state before the event is known (it is "in the DAG"). Outliers are not; a rejected event is when
 * its prev events were known. Only a create event (no prev events) has the empty state before it.
 */
export function isPlaced(e: StoredEvent): boolean {
  if (e.status === EventStatus.OUTLIER) return false;
  return e.stateBefore !== EMPTY_STATE || e.prevEvents.length === 0;
}

/** The /send per-PDU result (server-server-api PUT /send: `{}` or `{error}`). */
export function pduResult(r: ReceiveResult): { error?: string } {
  if (r.outcome === Outcome.DROPPED || r.outcome === Outcome.REJECTED) return { error: r.reason ?? r.outcome };
  return {};
}
