// The redaction algorithms, named after the room version that introduced each (rooms/fragments/
// v1-redactions.md, v6-redactions.md, rooms/v8.md, v9-redactions.md, v11-redactions.md).
import type { RedactionAlgorithm } from './room-versions.ts';
import type { JsonObject } from './signing.ts';

/** What one algorithm keeps. `'all'` keeps the whole content of that event type. */
interface RedactionRules {
  readonly topLevel: ReadonlySet<string>;
  readonly content: Readonly<Record<string, readonly string[] | 'all'>>;
  /** v11: m.room.member also keeps `third_party_invite.signed` (only that sub-key). */
  readonly thirdPartyInviteSigned: boolean;
}

const V1_TOP_LEVEL = new Set([
  'event_id', 'type', 'room_id', 'sender', 'state_key', 'content', 'hashes', 'signatures', 'depth',
  'prev_events', 'prev_state', 'auth_events', 'origin', 'origin_server_ts', 'membership',
]);
const POWER_LEVELS = ['ban', 'events', 'events_default', 'kick', 'redact', 'state_default', 'users', 'users_default'];

const v1: RedactionRules = {
  topLevel: V1_TOP_LEVEL,
  content: {
    'm.room.member': ['membership'],
    'm.room.create': ['creator'],
    'm.room.join_rules': ['join_rule'],
    'm.room.power_levels': POWER_LEVELS,
    'm.room.aliases': ['aliases'],
    'm.room.history_visibility': ['history_visibility'],
  },
  thirdPartyInviteSigned: false,
};

// v6: m.room.aliases no longer keeps `aliases`.
const { 'm.room.aliases': _aliases, ...v6Content } = v1.content;
const v6: RedactionRules = { ...v1, content: v6Content };

// v8: join_rules keeps `allow` (restricted joins).
const v8: RedactionRules = { ...v6, content: { ...v6.content, 'm.room.join_rules': ['join_rule', 'allow'] } };

// v9: member keeps `join_authorised_via_users_server`.
const v9: RedactionRules = {
  ...v8,
  content: { ...v8.content, 'm.room.member': ['membership', 'join_authorised_via_users_server'] },
};

// v11: top-level `origin`, `membership`, `prev_state` are no longer kept; create keeps all content;
// power_levels keeps `invite`; redaction keeps `redacts`; member keeps third_party_invite.signed.
const v11: RedactionRules = {
  topLevel: new Set([...V1_TOP_LEVEL].filter((k) => k !== 'origin' && k !== 'membership' && k !== 'prev_state')),
  content: {
    ...v9.content,
    'm.room.create': 'all',
    'm.room.power_levels': [...POWER_LEVELS, 'invite'],
    'm.room.redaction': ['redacts'],
  },
  thirdPartyInviteSigned: true,
};

const RULES: Readonly<Record<RedactionAlgorithm, RedactionRules>> = { v1, v6, v8, v9, v11 };

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function redactContent(type: unknown, content: unknown, rules: RedactionRules): JsonObject {
  const out: JsonObject = {};
  if (!isObject(content) || typeof type !== 'string' || !Object.hasOwn(rules.content, type)) return out;
  const keep = rules.content[type]!;
  if (keep === 'all') return { ...content };
  for (const key of keep) if (Object.hasOwn(content, key)) out[key] = content[key];
  if (rules.thirdPartyInviteSigned && type === 'm.room.member') {
    const invite = content.third_party_invite;
    if (isObject(invite) && Object.hasOwn(invite, 'signed')) out.third_party_invite = { signed: invite.signed };
  }
  return out;
}

/**
 * The redacted form of `event` under `algorithm`: top-level keys outside the list are stripped (so is
 * `unsigned`), and `content` keeps only the keys its event type allows. A `content` that is not an object
 * becomes `{}`; an event without `content` gets none (the spec strips keys, it never adds them).
 * Pure: returns a new object and never mutates `event`; kept nested values are shared, not copied.
 */
export function redact(event: JsonObject, algorithm: RedactionAlgorithm): JsonObject {
  const rules = RULES[algorithm];
  const out: JsonObject = {};
  for (const key in event) {
    if (rules.topLevel.has(key) && Object.hasOwn(event, key)) out[key] = event[key];
  }
  if (Object.hasOwn(out, 'content')) out.content = redactContent(event.type, event.content, rules);
  return out;
}
