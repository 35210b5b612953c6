// The parsed PDU shape for room versions 6–12 (spec: server-server-api §PDUs; pdu_v6 / pdu_v11 / pdu_v12 schemas).
// Leaf module: types only, plus one tiny predicate.

/**
 * A PDU as received over federation, after JSON parsing and `pdu-format.ts` validation.
 * - `room_id` is absent only on a room-v12 `m.room.create` event.
 * - `redacts` at the top level is meaningful only in v6–v10; from v11 it lives in `content.redacts`.
 * - Unknown top-level keys are kept (they are covered by the hashes and, for some, the signatures).
 */
export interface Pdu {
  room_id?: string;
  sender: string;
  origin_server_ts: number;
  type: string;
  state_key?: string;
  content: Record<string, unknown>;
  prev_events: string[];
  auth_events: string[];
  depth: number;
  redacts?: string;
  hashes: { sha256: string };
  signatures: Record<string, Record<string, string>>;
  unsigned?: Record<string, unknown>;
  [k: string]: unknown;
}

/** A PDU with its computed event id (v3+ PDUs carry no event_id on the wire). */
export interface Event {
  readonly eventId: string;
  readonly pdu: Pdu;
}

/** True for a state event: one that has a `state_key` (possibly empty). */
export function isStateEvent(pdu: Pdu): boolean {
  return typeof pdu.state_key === 'string';
}
