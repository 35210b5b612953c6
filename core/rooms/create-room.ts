// Creating a room (client-server-api §POST /createRoom: the order of the initial events, the presets;
// rooms/v11 and v12 for the create event; MSC4289 for v12 creators and the tombstone level).
import { randomBytes } from 'node:crypto';
import { roomVersion, DEFAULT_ROOM_VERSION } from '../matrix/room-versions.ts';
import { computeEventId, roomIdFromCreateEventId } from '../matrix/event-id.ts';
import { isValidRoomAlias, isValidUserId } from '../matrix/ids.ts';
import { domainOf } from '../matrix/event-auth/user-id.ts';
import { Errcode, MatrixError, forbidden, invalidParam } from '../matrix/errors.ts';
import type { JsonObject } from '../matrix/signing.ts';
import { EMPTY_STATE } from '../slots/store.ts';
import type { EngineContext } from './engine-context.ts';
import { submitLocalEvent, submitSignedLocal } from './local-event.ts';
import { signLocal } from './event-template.ts';

export const Preset = { PUBLIC_CHAT: 'public_chat', PRIVATE_CHAT: 'private_chat' } as const;
export type Preset = (typeof Preset)[keyof typeof Preset];

export interface InitialStateEvent {
  readonly type: string;
  readonly stateKey?: string;
  readonly content: Record<string, unknown>;
}

export interface CreateRoomOptions {
  /** A user of this server; sends every initial event. */
  readonly creator: string;
  /** Default private_chat (the spec's default for a private room). */
  readonly preset?: Preset;
  /** Default DEFAULT_ROOM_VERSION (12). */
  readonly roomVersion?: string;
  readonly name?: string;
  readonly topic?: string;
  /** A full alias (`#local:server`) set as m.room.canonical_alias. */
  readonly canonicalAlias?: string;
  /** Extra keys for the create event's content (e.g. `m.federate`, `type`). */
  readonly creationContent?: Record<string, unknown>;
  /** v12 only: more users with creator power (MSC4289), never listed in power_levels.users. */
  readonly additionalCreators?: readonly string[];
  /** Keys overriding the default m.room.power_levels content. */
  readonly powerLevelContentOverride?: Record<string, unknown>;
  /** Sent after the preset's events, before name and topic. */
  readonly initialState?: readonly InitialStateEvent[];
}

/** The preset's state (client-server §createRoom presets); guest_access "forbidden" is the default, so unsent. */
const PRESETS = {
  public_chat: { joinRule: 'public', historyVisibility: 'shared', guestAccess: undefined, inviteLevel: 50 },
  private_chat: { joinRule: 'invite', historyVisibility: 'shared', guestAccess: 'can_join', inviteLevel: 0 },
} as const;

/** Creates a room on this server with the standard initial state; returns its id once it is durable. */
export async function createRoom(ctx: EngineContext, o: CreateRoomOptions): Promise<string> {
  const version = o.roomVersion ?? DEFAULT_ROOM_VERSION;
  const rules = roomVersion(version);
  if (rules === undefined) throw new MatrixError(400, Errcode.UNSUPPORTED_ROOM_VERSION, `room version ${version} is not supported`);
  if (domainOf(o.creator) !== ctx.serverName || !isValidUserId(o.creator)) throw forbidden(`${o.creator} is not a user of this server`);
  const preset = PRESETS[o.preset ?? Preset.PRIVATE_CHAT];
  if (preset === undefined) throw invalidParam(`unknown preset ${String(o.preset)}`);
  if (o.canonicalAlias !== undefined && !isValidRoomAlias(o.canonicalAlias)) throw invalidParam(`invalid room alias ${o.canonicalAlias}`);
  const extraCreators = o.additionalCreators ?? [];
  if (extraCreators.length > 0 && !rules.privilegedCreators) throw invalidParam(`additional creators need room version 12`);
  for (const u of extraCreators) if (!isValidUserId(u)) throw invalidParam(`invalid user id ${u}`);

  // 1. m.room.create: `creator` only up to v10; no room_id in v12, where the room id is derived from it.
  const createContent: Record<string, unknown> = { ...o.creationContent, room_version: version };
  if (rules.createNeedsCreator) createContent['creator'] = o.creator;
  if (extraCreators.length > 0) createContent['additional_creators'] = [...extraCreators];
  const create: JsonObject = {
    type: 'm.room.create', state_key: '', sender: o.creator, content: createContent,
    prev_events: [], auth_events: [], depth: 1, origin_server_ts: ctx.now(),
  };
  let roomId: string;
  if (!rules.roomIdFromCreateEvent) create['room_id'] = roomId = `!${randomLocalpart()}:${ctx.serverName}`;
  const signedCreate = signLocal(ctx, rules, create);
  const createId = computeEventId(ctx.slots.json, signedCreate, rules);
  if (rules.roomIdFromCreateEvent) roomId = roomIdFromCreateEventId(createId);
  if (ctx.data.room(roomId!) !== undefined) throw new MatrixError(400, Errcode.ROOM_IN_USE, `room ${roomId!} exists`);
  ctx.data.setRoom({ roomId: roomId!, version, createEventId: createId, currentState: EMPTY_STATE, extremities: [], maxDepth: 0 });
  submitSignedLocal(ctx, rules, roomId!, signedCreate);

  const send = (type: string, content: Record<string, unknown>, stateKey = '') =>
    submitLocalEvent(ctx, roomId, { type, stateKey, sender: o.creator, content });
  // 2. The creator joins.
  send('m.room.member', { membership: 'join' }, o.creator);
  // 3. m.room.power_levels (v12: creators are not listed in users; tombstone above state_default, MSC4289).
  send('m.room.power_levels', {
    users: rules.privilegedCreators ? {} : { [o.creator]: 100 },
    users_default: 0,
    events: {
      'm.room.name': 50, 'm.room.power_levels': 100, 'm.room.history_visibility': 100,
      'm.room.canonical_alias': 50, 'm.room.avatar': 50, 'm.room.tombstone': rules.privilegedCreators ? 150 : 100,
      'm.room.server_acl': 100, 'm.room.encryption': 100,
    },
    events_default: 0, state_default: 50, ban: 50, kick: 50, redact: 50, invite: preset.inviteLevel,
    ...o.powerLevelContentOverride,
  });
  // 4. The canonical alias.
  if (o.canonicalAlias !== undefined) send('m.room.canonical_alias', { alias: o.canonicalAlias });
  // 5. The preset's events.
  send('m.room.join_rules', { join_rule: preset.joinRule });
  send('m.room.history_visibility', { history_visibility: preset.historyVisibility });
  if (preset.guestAccess !== undefined) send('m.room.guest_access', { guest_access: preset.guestAccess });
  // 6. initial_state; 7. name; 8. topic.
  for (const s of o.initialState ?? []) send(s.type, s.content, s.stateKey ?? '');
  if (o.name !== undefined) send('m.room.name', { name: o.name });
  if (o.topic !== undefined) send('m.room.topic', { topic: o.topic });
  await ctx.data.commit();
  return roomId!;
}

/** 18 random letters, like other servers' room id localparts. */
function randomLocalpart(): string {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let s = '';
  for (const b of randomBytes(18)) s += letters[b % letters.length];
  return s;
}
