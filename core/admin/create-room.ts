// POST /_admin/rooms {creator, room_version?, preset?, name?, topic?, alias?} → {room_id}
// A room hosted here (client-server-api §POST /createRoom's initial events, built by the room engine). The
// creator is created if new. Default preset: public_chat (anyone may join; the API exists to let other servers'
// users in), unlike the engine's private_chat. Default room version: DEFAULT_ROOM_VERSION (12). `alias` is a
// localpart or `#localpart:<our server>`; it is bound in the local directory (answered over /query/directory)
// and set as m.room.canonical_alias.
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { Errcode, MatrixError, invalidParam } from '../matrix/errors.ts';
import { isValidRoomAlias, serverNameOf } from '../matrix/ids.ts';
import { DEFAULT_ROOM_VERSION, roomVersion as versionRules } from '../matrix/room-versions.ts';
import { Preset } from '../rooms/index.ts';
import { bodyOf, localUser, optionalString, type Body } from './admin-input.ts';

export const DEFAULT_PRESET = Preset.PUBLIC_CHAT;

function presetOf(body: Body): Preset {
  const p = optionalString(body, 'preset') ?? DEFAULT_PRESET;
  if (p !== Preset.PUBLIC_CHAT && p !== Preset.PRIVATE_CHAT) throw invalidParam(`preset must be "public_chat" or "private_chat", got "${p}"`);
  return p;
}

function aliasOf(ctx: ServerContext, body: Body): string | undefined {
  const a = optionalString(body, 'alias');
  if (a === undefined) return undefined;
  const alias = a.startsWith('#') ? a : `#${a}:${ctx.serverName}`;
  if (!isValidRoomAlias(alias)) throw invalidParam(`${alias} is not a valid room alias`);
  if (serverNameOf(alias) !== ctx.serverName) throw invalidParam(`${alias} is not an alias on ${ctx.serverName}`);
  const taken = ctx.directory.resolveAlias(alias);
  if (taken !== undefined) throw new MatrixError(409, Errcode.ROOM_IN_USE, `${alias} already points to ${taken}`);
  return alias;
}

export function createRoomRoute(ctx: ServerContext): Route {
  return {
    method: 'POST', path: '/_admin/rooms', auth: 'none',
    async handle(req) {
      const body = bodyOf(req);
      // Everything is checked before anything is written: a refused call leaves no user, room or alias behind.
      const roomVersion = optionalString(body, 'room_version') ?? DEFAULT_ROOM_VERSION;
      if (versionRules(roomVersion) === undefined) throw new MatrixError(400, Errcode.UNSUPPORTED_ROOM_VERSION, `room version ${roomVersion} is not supported`);
      const preset = presetOf(body);
      const name = optionalString(body, 'name');
      const topic = optionalString(body, 'topic');
      const alias = aliasOf(ctx, body);
      const creator = localUser(ctx, body, 'creator', false);
      ctx.directory.ensureUser(creator);
      const roomId = await ctx.engine.createRoom({
        creator, roomVersion, preset,
        ...(name === undefined ? {} : { name }),
        ...(topic === undefined ? {} : { topic }),
        ...(alias === undefined ? {} : { canonicalAlias: alias }),
      });
      if (alias !== undefined) ctx.directory.setAlias(alias, roomId);
      await ctx.data.commit();
      return { json: { room_id: roomId } };
    },
  };
}
