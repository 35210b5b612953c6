// PDU format checks for room versions 6–12, receipt check 1 "is a valid event, otherwise it is dropped"
// (spec: server-server-api §Checks performed on receipt of a PDU; definitions pdu_v6/pdu_v11/pdu_v12;
// client-server-api §Size limits; appendices §Identifier Grammar).
import type { RoomVersionRules } from './room-versions.ts';
import type { Pdu } from './pdu.ts';
import { badJson } from './errors.ts';
import { isValidUserId, utf8Length } from './event-auth/user-id.ts';

export const PDU_LIMITS = {
  /** The whole PDU, as canonical JSON with its signatures (client-server §Size limits). */
  maxCanonicalBytes: 65_536,
  /** type, state_key, and user/room/event ids. */
  maxKeyBytes: 255,
  maxPrevEvents: 20,
  maxAuthEvents: 10,
  /** depth_v6: "less than the maximum value for an integer (2^53 − 1)"; at the limit it stays at the limit. */
  maxDepth: Number.MAX_SAFE_INTEGER,
} as const;

/**
 * Why `value` is not a well-formed PDU of this room version, or undefined when it is.
 * `canonicalLength` is the byte length of the PDU's canonical JSON (from the `json` slot); this module
 * does not serialise. Strict canonical JSON (no floats, integers within ±(2^53−1)) is the codec's check.
 *
 * Deliberately left to the auth rules (so the event is *rejected*, not dropped): a room_id on a v12 create
 * event (rule 1.2), the v12 create event listed in auth_events (rule 3.2), unknown content shapes.
 * Sizes are counted in UTF-8 bytes as the spec says; Synapse counts code points for v1–v10 and only
 * rejects (rather than drops) byte-limit failures there, so such an event is dropped here but kept by it.
 */
export function pduFormatError(rules: RoomVersionRules, value: unknown, canonicalLength: number): string | undefined {
  if (!isObject(value)) return 'PDU is not a JSON object';
  if (canonicalLength > PDU_LIMITS.maxCanonicalBytes) return `PDU is ${canonicalLength} bytes, over the ${PDU_LIMITS.maxCanonicalBytes}-byte limit`;

  const type = value['type'];
  if (!isShortString(type)) return '`type` must be a string of at most 255 bytes';
  if (!isValidUserId(value['sender'])) return '`sender` must be a user id of at most 255 bytes';
  const roomIdError = checkRoomId(rules, type, value);
  if (roomIdError !== undefined) return roomIdError;
  if (Object.hasOwn(value, 'state_key') && !isShortString(value['state_key'])) return '`state_key` must be a string of at most 255 bytes';
  if (!Number.isSafeInteger(value['origin_server_ts'])) return '`origin_server_ts` must be an integer';
  const depth = value['depth'];
  if (typeof depth !== 'number' || !Number.isSafeInteger(depth) || depth < 0) return '`depth` must be an integer in [0, 2^53 − 1]';

  const content = value['content'];
  if (!isObject(content)) return '`content` must be an object';
  const hashes = value['hashes'];
  if (!isObject(hashes) || typeof hashes['sha256'] !== 'string') return '`hashes.sha256` must be a string';
  if (!isSignatures(value['signatures'])) return '`signatures` must map server names to objects of strings';
  if (Object.hasOwn(value, 'unsigned') && !isObject(value['unsigned'])) return '`unsigned` must be an object';

  const prevError = checkIdList(value['prev_events'], 'prev_events', PDU_LIMITS.maxPrevEvents);
  if (prevError !== undefined) return prevError;
  const authError = checkIdList(value['auth_events'], 'auth_events', PDU_LIMITS.maxAuthEvents);
  if (authError !== undefined) return authError;

  // `redacts`: top level in v6–v10 (pdu_v6); in `content` of m.room.redaction from v11 (pdu_v11 has none).
  if (!rules.redactsInContent) {
    if (Object.hasOwn(value, 'redacts') && !isShortString(value['redacts'])) return '`redacts` must be an event id';
  } else if (type === 'm.room.redaction' && Object.hasOwn(content, 'redacts') && !isShortString(content['redacts'])) {
    return '`content.redacts` must be an event id';
  }
  return undefined;
}

/** Throws M_BAD_JSON with the precise reason unless `value` is a well-formed PDU of this room version. */
export function assertPduFormat(rules: RoomVersionRules, value: unknown, canonicalLength: number): asserts value is Pdu {
  const reason = pduFormatError(rules, value, canonicalLength);
  if (reason !== undefined) throw badJson(reason);
}

/** room_id: required, `!`-sigilled, ≤ 255 bytes — except that a v12 create event omits it (pdu_v12). */
function checkRoomId(rules: RoomVersionRules, type: string, pdu: Record<string, unknown>): string | undefined {
  const has = Object.hasOwn(pdu, 'room_id');
  if (!has && rules.roomIdFromCreateEvent && type === 'm.room.create') return undefined;
  const roomId = pdu['room_id'];
  if (!isShortString(roomId) || !roomId.startsWith('!')) return '`room_id` must be a room id of at most 255 bytes';
  return undefined;
}

function checkIdList(v: unknown, name: string, max: number): string | undefined {
  if (!Array.isArray(v)) return `\`${name}\` must be an array of event ids`;
  if (v.length > max) return `\`${name}\` has ${v.length} entries, more than ${max}`;
  for (const id of v) if (!isShortString(id)) return `\`${name}\` must hold event ids of at most 255 bytes`;
  return undefined;
}

function isSignatures(v: unknown): boolean {
  if (!isObject(v)) return false;
  for (const block of Object.values(v)) {
    if (!isObject(block)) return false;
    for (const sig of Object.values(block)) if (typeof sig !== 'string') return false;
  }
  return true;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A string of at most 255 UTF-8 bytes; strings of ≤ 85 UTF-16 units cannot exceed it and skip the count. */
function isShortString(v: unknown): v is string {
  return typeof v === 'string' && (v.length <= 85 || utf8Length(v) <= PDU_LIMITS.maxKeyBytes);
}
