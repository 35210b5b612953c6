// Room versions as records of rules (spec: content/rooms/v*.md). Each version is a delta on the one before.
// Leaf module: no imports. Versions 1–5 are not served (their lenient JSON cannot be hashed reliably); the
// redaction algorithms they define are still available by name for the spec's signing test vectors.

/** Redaction algorithm, named after the room version that introduced it. */
export type RedactionAlgorithm = 'v1' | 'v6' | 'v8' | 'v9' | 'v11';

export interface RoomVersionRules {
  readonly id: string;
  /** Event ids: '$' + unpadded URL-safe base64 of the reference hash (v4+). */
  readonly eventIdUrlSafe: boolean;
  readonly redaction: RedactionAlgorithm;
  /** Reject non-canonical JSON (floats, out-of-range integers) with M_BAD_JSON (v6+). */
  readonly strictCanonicalJson: boolean;
  /** Signing keys must be valid (valid_until_ts, capped at now+7d) at the event's origin_server_ts (v5+). */
  readonly enforceKeyValidity: boolean;
  /** `m.room.aliases` gets its own auth rule (v1–5). */
  readonly specialCaseAliases: boolean;
  /** The `notifications` map of power levels is validated like `events` (v6+). */
  readonly limitNotificationsPowerLevels: boolean;
  /** `knock` membership and join rule (v7+). */
  readonly knocking: boolean;
  /** `restricted` join rule and `join_authorised_via_users_server` (v8+). */
  readonly restrictedJoins: boolean;
  /** `knock_restricted` join rule (v10+). */
  readonly knockRestricted: boolean;
  /** Power-level values must be JSON integers, not strings (v10+). */
  readonly integerPowerLevels: boolean;
  /** `m.room.create` content must carry `creator` (v1–10); from v11 the create event's sender is the creator. */
  readonly createNeedsCreator: boolean;
  /** `redacts` lives in the redaction's `content`, not at the top level (v11+). */
  readonly redactsInContent: boolean;
  /** Room id is '!' + the create event's reference hash; the create event has no room_id (v12). */
  readonly roomIdFromCreateEvent: boolean;
  /** The create event is not listed in other events' auth_events (v12). */
  readonly createInAuthEvents: boolean;
  /** Create sender and `additional_creators` have infinite power and may not appear in PL users (v12). */
  readonly privilegedCreators: boolean;
  /** State resolution algorithm. */
  readonly stateRes: 'v2' | 'v2.1';
}

const v6: RoomVersionRules = {
  id: '6',
  eventIdUrlSafe: true,
  redaction: 'v6',
  strictCanonicalJson: true,
  enforceKeyValidity: true,
  specialCaseAliases: false,
  limitNotificationsPowerLevels: true,
  knocking: false,
  restrictedJoins: false,
  knockRestricted: false,
  integerPowerLevels: false,
  createNeedsCreator: true,
  redactsInContent: false,
  roomIdFromCreateEvent: false,
  createInAuthEvents: true,
  privilegedCreators: false,
  stateRes: 'v2',
};
const v7: RoomVersionRules = { ...v6, id: '7', knocking: true };
const v8: RoomVersionRules = { ...v7, id: '8', redaction: 'v8', restrictedJoins: true };
const v9: RoomVersionRules = { ...v8, id: '9', redaction: 'v9' };
const v10: RoomVersionRules = { ...v9, id: '10', knockRestricted: true, integerPowerLevels: true };
const v11: RoomVersionRules = { ...v10, id: '11', redaction: 'v11', createNeedsCreator: false, redactsInContent: true };
const v12: RoomVersionRules = {
  ...v11,
  id: '12',
  roomIdFromCreateEvent: true,
  createInAuthEvents: false,
  privilegedCreators: true,
  stateRes: 'v2.1',
};

export const ROOM_VERSIONS: ReadonlyMap<string, RoomVersionRules> = new Map(
  [v6, v7, v8, v9, v10, v11, v12].map((v) => [v.id, Object.freeze(v)]),
);

/** The version we create rooms with when none is asked for (the spec recommends 12). */
export const DEFAULT_ROOM_VERSION = '12';

/** The rules for a supported version, or undefined. */
export function roomVersion(id: string): RoomVersionRules | undefined {
  return ROOM_VERSIONS.get(id);
}
