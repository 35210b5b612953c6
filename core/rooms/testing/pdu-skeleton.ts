// TEST SUPPORT ONLY: the unsigned PDU a peer would build on a server's view of a room — what the tests' remote
// servers (rooms/testing/harness.ts, federation/testing/peer.ts) and the admin tests' crafted PDUs share.
import { authTypesFor } from '../../matrix/event-auth/index.ts';
import type { Pdu } from '../../matrix/pdu.ts';
import type { RoomVersionRules } from '../../matrix/room-versions.ts';
import type { JsonObject } from '../../matrix/signing.ts';
import type { EventStore } from '../../slots/store.ts';
import type { RoomRecord } from '../room-data.ts';

export interface PduSpec {
  readonly type: string;
  readonly stateKey?: string;
  readonly sender: string;
  readonly content: Record<string, unknown>;
  /** Default: the room's forward extremities. */
  readonly prevEvents?: readonly string[];
  /** Default: chosen by the auth rules' selection (authTypesFor) from the room's current state. */
  readonly authEvents?: readonly string[];
  /** Default: one more than the deepest prev event the store holds. */
  readonly depth?: number;
  /** Where the room version puts it: `content.redacts` (v11+) or top-level `redacts`. */
  readonly redacts?: string;
}

/** The PDU for `room` as `store` sees it, not yet hashed or signed; `ts` is its origin_server_ts. */
export function pduSkeleton(room: RoomRecord, store: EventStore, rules: RoomVersionRules, spec: PduSpec, ts: number): JsonObject {
  const prevEvents = [...(spec.prevEvents ?? room.extremities)];
  let depth = 0;
  for (const id of prevEvents) depth = Math.max(depth, store.get(id)?.depth ?? 0);
  const pdu: JsonObject = {
    room_id: room.roomId, type: spec.type, sender: spec.sender, content: spec.content,
    prev_events: prevEvents, auth_events: [], depth: spec.depth ?? depth + 1, origin_server_ts: ts,
  };
  if (spec.stateKey !== undefined) pdu['state_key'] = spec.stateKey;
  if (spec.redacts !== undefined) {
    if (rules.redactsInContent) pdu['content'] = { ...spec.content, redacts: spec.redacts };
    else pdu['redacts'] = spec.redacts;
  }
  if (spec.authEvents !== undefined) {
    pdu['auth_events'] = [...spec.authEvents];
  } else {
    const auth: string[] = [];
    for (const [type, stateKey] of authTypesFor(rules, pdu as Pdu)) {
      const id = store.stateGet(room.currentState, type, stateKey);
      if (id !== undefined) auth.push(id);
    }
    pdu['auth_events'] = auth;
  }
  return pdu;
}
