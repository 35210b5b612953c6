// Auth rule 9 [v12: 10]: `m.room.power_levels` (spec: rooms/v10–v11 rules 9.1–9.10, rooms/v12 10.1–10.11).
// Step numbers are v10–v11's, v12's in brackets. v6–v9 have no 9.1/9.2 and number the rest 9.1–9.8.
import type { AuthContext } from './auth-context.ts';
import { isPlainObject, LEVEL_DEFAULTS, LEVEL_FIELDS, parseLevel, type LevelField } from './power-levels.ts';
import { ALLOW, deny, type AuthResult } from './result.ts';
import type { RoomVersionRules } from '../room-versions.ts';
import { isValidUserId } from './user-id.ts';

/** Integer views of one power-levels content; absent properties are absent here too. */
interface ParsedLevels {
  readonly named: Partial<Record<LevelField, number>>;
  readonly events: Map<string, number>;
  readonly notifications: Map<string, number>;
  readonly users: Map<string, number>;
}

/**
 * Validates and parses a power-levels content; a string is the rejection reason.
 * 9.1–9.3 [10.1–10.3] in v10+ (integers only). v6–v9 state only 9.1 (the `users` map) but accept
 * "stringy" integers everywhere (v1-stringy-power-levels); a value that is neither is rejected in every
 * version, as ruma does, since the later steps cannot compare it.
 */
export function parseLevels(rules: RoomVersionRules, c: Readonly<Record<string, unknown>>): ParsedLevels | string {
  // 9.1 Properties users_default, events_default, state_default, ban, redact, kick, invite: integers if present.
  const named: Partial<Record<LevelField, number>> = {};
  for (const f of LEVEL_FIELDS) {
    if (!Object.hasOwn(c, f)) continue;
    const n = parseLevel(rules, c[f]);
    if (n === undefined) return `\`${f}\` is not an integer (rule 9.1)`;
    named[f] = n;
  }
  // 9.2 events and notifications: objects with integer values if present.
  const events = parseMap(rules, c, 'events');
  if (typeof events === 'string') return `${events} (rule 9.2)`;
  const notifications = parseMap(rules, c, 'notifications');
  if (typeof notifications === 'string') return `${notifications} (rule 9.2)`;
  // 9.3 users: an object whose keys are valid user ids and whose values are integers.
  const users = parseMap(rules, c, 'users');
  if (typeof users === 'string') return `${users} (rule 9.3)`;
  for (const id of users.keys()) if (!isValidUserId(id)) return `\`users\` key ${JSON.stringify(id)} is not a user id (rule 9.3)`;
  return { named, events, notifications, users };
}

function parseMap(rules: RoomVersionRules, c: Readonly<Record<string, unknown>>, key: string): Map<string, number> | string {
  const out = new Map<string, number>();
  if (!Object.hasOwn(c, key)) return out;
  const m = c[key];
  if (!isPlainObject(m)) return `\`${key}\` is not an object`;
  for (const [k, v] of Object.entries(m)) {
    const n = parseLevel(rules, v);
    if (n === undefined) return `\`${key}\` value for ${JSON.stringify(k)} is not an integer`;
    out.set(k, n);
  }
  return out;
}

/** Rules 9.1–9.10 [10.1–10.11], run after 5–8 [6–9]; `senderLevel` is the sender's current level. */
export function checkPowerLevels(ctx: AuthContext, senderLevel: number): AuthResult {
  const next = parseLevels(ctx.rules, ctx.pdu.content);
  if (typeof next === 'string') return deny(next);

  // [v12] 10.4 If users contains the create event's sender or any additional_creators, reject.
  if (ctx.rules.privilegedCreators) {
    for (const id of next.users.keys()) {
      if (ctx.isPrivilegedCreator(id)) return deny(`room creator ${id} may not be listed in users (rule 10.4)`);
    }
  }

  // 9.4 [10.5] If there is no previous m.room.power_levels event in the room, allow.
  const currentEvent = ctx.state('m.room.power_levels', '');
  if (currentEvent === undefined) return ALLOW;
  const current = parseLevels(ctx.rules, currentEvent.pdu.content);
  if (typeof current === 'string') return deny(`current m.room.power_levels is malformed: ${current}`);

  // 9.5 [10.6] For each of the named properties added, changed or removed: reject if the current or the
  // new value is higher than the sender's level. An absent side counts at its default (as ruma and
  // gomatrixserverlib do: "power levels are inferred from defaults when not explicitly supplied").
  for (const f of LEVEL_FIELDS) {
    const was = current.named[f];
    const now = next.named[f];
    if (was === now) continue;
    if ((was ?? LEVEL_DEFAULTS[f]) > senderLevel || (now ?? LEVEL_DEFAULTS[f]) > senderLevel) {
      return deny(`sender may not change \`${f}\` (rule 9.5)`);
    }
  }

  // 9.6–9.7 [10.7–10.8] events (and, v6+, notifications): an entry changed or removed must currently be
  // ≤ the sender's level; an entry added or changed must be ≤ the sender's level.
  const mapReason = diffMap(current.events, next.events, senderLevel, () => false);
  if (mapReason !== undefined) return deny(`sender may not change events level of ${mapReason} (rule 9.6/9.7)`);
  if (ctx.rules.limitNotificationsPowerLevels) {
    const r = diffMap(current.notifications, next.notifications, senderLevel, () => false);
    if (r !== undefined) return deny(`sender may not change notifications level of ${r} (rule 9.6/9.7)`);
  }

  // 9.8 [10.9] users entries changed or removed, other than the sender's own: the current value must be
  // < the sender's level. 9.9 [10.10] users entries added or changed: the new value must be ≤ it.
  const sender = ctx.pdu.sender;
  const userReason = diffMap(current.users, next.users, senderLevel, (id, was) => id !== sender && was >= senderLevel);
  if (userReason !== undefined) return deny(`sender may not change the level of ${userReason} (rule 9.8/9.9)`);

  // 9.10 [10.11] Otherwise, allow.
  return ALLOW;
}

/**
 * The first key whose change is not allowed, or undefined. A change or removal is refused when the current
 * value exceeds `senderLevel` or `refuseCurrent` says so; an addition or change when the new value exceeds it.
 */
function diffMap(
  was: Map<string, number>,
  now: Map<string, number>,
  senderLevel: number,
  refuseCurrent: (key: string, current: number) => boolean,
): string | undefined {
  for (const [key, cur] of was) {
    const nw = now.get(key);
    if (nw === cur) continue;
    if (cur > senderLevel || refuseCurrent(key, cur)) return key;
    if (nw !== undefined && nw > senderLevel) return key;
  }
  for (const [key, nw] of now) {
    if (!was.has(key) && nw > senderLevel) return key;
  }
  return undefined;
}
