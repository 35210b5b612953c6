// Receipt check 1 "is a valid event, otherwise it is dropped" (server-server-api §Checks performed on receipt
// of a PDU), and the event id (rooms/v4 §Event IDs: the reference hash; v12 create: also the room id).
import type { JsonCodec } from '../slots/json.ts';
import type { RoomVersionRules } from '../matrix/room-versions.ts';
import type { Pdu } from '../matrix/pdu.ts';
import { pduFormatError } from '../matrix/pdu-format.ts';
import { redact } from '../matrix/redaction.ts';
import { signedPart, type JsonObject } from '../matrix/signing.ts';
import { eventIdFromReferenceHash, roomIdFromCreateEventId } from '../matrix/event-id.ts';
import { sha256 } from '../matrix/sha256.ts';
import { MatrixError } from '../matrix/errors.ts';

export interface FormattedPdu {
  readonly eventId: string;
  /** The PDU without `unsigned` (what we store and serve). */
  readonly pdu: Pdu;
  /** Its canonical JSON, computed once by the json slot. */
  readonly bytes: Uint8Array;
  /** Canonical JSON of the redacted form without signatures: what signatures cover (only when asked for). */
  readonly signedBytes: Uint8Array | undefined;
}

export type FormatCheck = { readonly ok: true; readonly value: FormattedPdu } | { readonly ok: false; readonly reason: string };

/**
 * Step 1 for a PDU received for `roomId` (the room's version gives `rules`): strict canonical JSON (the json
 * slot throws M_BAD_JSON on floats, out-of-range integers, lone surrogates), at most 65,536 canonical bytes, the
 * pdu_v6/v11/v12 shape (pdu-format.ts), and the room: `room_id` must be `roomId`, or for a v12 create event
 * (no room_id) its id must define `roomId`. The size is measured without `unsigned`, which we never store.
 * `withSignedBytes`: keep the redacted signed bytes for check 2 (the reference hash hashes the same bytes).
 */
export function checkFormat(json: JsonCodec, rules: RoomVersionRules, value: unknown, roomId: string, withSignedBytes: boolean): FormatCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'PDU is not a JSON object' };
  let obj = value as JsonObject;
  if (Object.hasOwn(obj, 'unsigned')) {
    const { unsigned: _unsigned, ...rest } = obj;
    obj = rest;
  }
  let bytes: Uint8Array;
  try {
    bytes = json.encode(obj);
  } catch (e) {
    if (e instanceof MatrixError) return { ok: false, reason: e.message };
    throw e;
  }
  const formatError = pduFormatError(rules, obj, bytes.length);
  if (formatError !== undefined) return { ok: false, reason: formatError };
  const pdu = obj as Pdu;

  const signed = signedPart(redact(obj, rules.redaction));
  const signedBytes = withSignedBytes ? json.encode(signed) : undefined;
  const hash = signedBytes !== undefined ? sha256(signedBytes) : json.sha256(signed);
  const eventId = eventIdFromReferenceHash(hash, rules.eventIdUrlSafe);

  if (pdu.room_id === undefined) {
    // pdu-format allows a missing room_id only on a v12 create event, whose id defines the room id.
    if (roomIdFromCreateEventId(eventId) !== roomId) return { ok: false, reason: `this m.room.create event defines another room than ${roomId}` };
  } else if (pdu.room_id !== roomId) {
    return { ok: false, reason: `PDU is for room ${pdu.room_id}, not ${roomId}` };
  }
  return { ok: true, value: { eventId, pdu, bytes, signedBytes } };
}
