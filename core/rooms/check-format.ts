// Receipt check 1 "is a valid event, otherwise it is dropped" (server-server-api §Checks performed on receipt
// of a PDU), and the event id (rooms/v4 §Event IDs: the reference hash; v12 create: also the room id).
import type { JsonCodec } from '../slots/json.ts';
import type { RoomVersionRules } from '../matrix/room-versions.ts';
import type { Pdu } from '../matrix/pdu.ts';
import { pduFormatError } from '../matrix/pdu-format.ts';
import { redact } from '../matrix/redaction.ts';
import { signedPart, type JsonObject } from '../matrix/signing.ts';
import { CanonicalMembers, takeMembers } from '../matrix/canonical-members.ts';
import { contentHashDigestMatches } from '../matrix/event-hash.ts';
import { eventIdFromReferenceHash, roomIdFromCreateEventId } from '../matrix/event-id.ts';
import { sha256 } from '../matrix/sha256.ts';
import { MatrixError } from '../matrix/errors.ts';

export interface FormattedPdu {
  readonly eventId: string;
  /** The PDU without `unsigned` (what we store and serve). */
  readonly pdu: Pdu;
  /** Its canonical JSON, joined from `members`. */
  readonly bytes: Uint8Array;
  /** Canonical JSON of the redacted form without signatures: what signatures cover and the reference hash hashes. */
  readonly signedBytes: Uint8Array;
  /** The received object's members, each encoded once; the forms above and the content hash join them. */
  readonly members: CanonicalMembers;
}

export type FormatCheck = { readonly ok: true; readonly value: FormattedPdu } | { readonly ok: false; readonly reason: string };

const UNSIGNED: ReadonlySet<string> = new Set(['unsigned']);
const NOT_SIGNED: ReadonlySet<string> = new Set(['signatures', 'unsigned']);
const NOT_HASHED: ReadonlySet<string> = new Set(['hashes', 'signatures', 'unsigned']);

/**
 * Step 1 for a PDU received for `roomId` (the room's version gives `rules`): strict canonical JSON (the json
 * slot throws M_BAD_JSON on floats, out-of-range integers, lone surrogates), at most 65,536 canonical bytes, the
 * pdu_v6/v11/v12 shape (pdu-format.ts), and the room: `room_id` must be `roomId`, or for a v12 create event
 * (no room_id) its id must define `roomId`. The size is measured without `unsigned`, which we never store.
 * Each top-level member is encoded once (or was, by the route that parsed the transaction): the stored bytes,
 * the signed bytes and later the content hash are joins of those encodings.
 */
export function checkFormat(json: JsonCodec, rules: RoomVersionRules, value: unknown, roomId: string): FormatCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'PDU is not a JSON object' };
  const received = value as JsonObject;
  let members: CanonicalMembers;
  try {
    members = takeMembers(json, received);
  } catch (e) {
    if (e instanceof MatrixError) return { ok: false, reason: e.message };
    throw e;
  }
  let obj = received;
  if (Object.hasOwn(obj, 'unsigned')) {
    const { unsigned: _unsigned, ...rest } = obj;
    obj = rest;
  }
  const bytes = members.join(UNSIGNED);
  const formatError = pduFormatError(rules, obj, bytes.length);
  if (formatError !== undefined) return { ok: false, reason: formatError };
  const pdu = obj as Pdu;

  const signedBytes = redactedSignedBytes(json, members, obj, redact(obj, rules.redaction));
  const eventId = eventIdFromReferenceHash(sha256(signedBytes), rules.eventIdUrlSafe);

  if (pdu.room_id === undefined) {
    // pdu-format allows a missing room_id only on a v12 create event, whose id defines the room id.
    if (roomIdFromCreateEventId(eventId) !== roomId) return { ok: false, reason: `this m.room.create event defines another room than ${roomId}` };
  } else if (pdu.room_id !== roomId) {
    return { ok: false, reason: `PDU is for room ${pdu.room_id}, not ${roomId}` };
  }
  return { ok: true, value: { eventId, pdu, bytes, signedBytes, members } };
}

/** Receipt check 3 "passes hash checks" on a formatted PDU, over its members already encoded. */
export function contentHashHolds(f: FormattedPdu): boolean {
  return contentHashDigestMatches(f.pdu, f.members.sha256(NOT_HASHED));
}

/**
 * The canonical redacted form without signatures, joined from `members` of `obj`: redaction only drops members
 * or replaces a value (content), so kept values that are the same object reuse their encoding. A redacted member
 * the event did not have (none of today's algorithms adds one) falls back to encoding the whole form.
 */
function redactedSignedBytes(json: JsonCodec, members: CanonicalMembers, obj: JsonObject, redacted: JsonObject): Uint8Array {
  const omit = new Set(NOT_SIGNED);
  for (const key of members.keys) if (!Object.hasOwn(redacted, key)) omit.add(key);
  let replace: Map<string, Uint8Array> | undefined;
  for (const key in redacted) {
    if (NOT_SIGNED.has(key)) continue;
    if (!Object.hasOwn(obj, key)) return json.encode(signedPart(redacted));
    if (redacted[key] !== obj[key]) (replace ??= new Map()).set(key, json.encode(redacted[key]));
  }
  return members.join(omit, replace);
}
