// The published room directory this server answers /publicRooms with (client-server §Published room directory,
// PublishedRoomsChunk): rooms created by our users whose join rule is public, summarised from current state,
// largest first, filtered and paged by an offset token.
import type { ServerContext } from '../context.ts';
import { invalidParam } from '../matrix/errors.ts';
import { historyVisibilityOf } from '../matrix/history-visibility.ts';
import { domainOf } from '../matrix/event-auth/user-id.ts';
import type { StateId } from '../slots/store.ts';

export interface PublicRoomsQuery {
  /** 0 or absent: no limit. */
  readonly limit?: number;
  readonly since?: string;
  readonly searchTerm?: string;
  /** Room types to include; null stands for rooms without a type. */
  readonly roomTypes?: ReadonlyArray<string | null>;
}

export interface PublicRoomChunk {
  room_id: string;
  num_joined_members: number;
  world_readable: boolean;
  guest_can_join: boolean;
  join_rule: string;
  name?: string;
  topic?: string;
  canonical_alias?: string;
  avatar_url?: string;
  room_type?: string;
}

export interface PublicRoomsPage {
  chunk: PublicRoomChunk[];
  next_batch?: string;
  prev_batch?: string;
  total_room_count_estimate: number;
}

const TOKEN = /^o(\d{1,9})$/;

/**
 * Which rooms are "published": there is no publish flag yet, so a room created by one of our users whose
 * current join rule is `public` is listed (rooms of other servers that we merely joined are theirs to list).
 * Pagination tokens are offsets (`o<n>`) into the sorted list: a room joining or leaving the list between
 * pages shifts later pages by one, which the spec tolerates (the order is server-defined).
 */
export function publicRooms(ctx: ServerContext, joined: (state: StateId) => number, q: PublicRoomsQuery): PublicRoomsPage {
  let offset = 0;
  if (q.since !== undefined) {
    const m = TOKEN.exec(q.since);
    if (m === null) throw invalidParam(`unknown pagination token ${JSON.stringify(q.since)}`);
    offset = Number(m[1]);
  }
  const term = q.searchTerm?.toLowerCase();
  const all: PublicRoomChunk[] = [];
  for (const room of ctx.engine.rooms()) {
    const create = ctx.engine.ctx.event(room.createEventId)?.pdu;
    if (create === undefined || domainOf(create.sender) !== ctx.serverName || room.extremities.length === 0) continue;
    const chunk = summarise(ctx, room.roomId, room.currentState, create.content, joined);
    if (chunk === undefined) continue;
    if (q.roomTypes !== undefined && !q.roomTypes.includes(chunk.room_type ?? null)) continue;
    if (term !== undefined && term !== '' && ![chunk.name, chunk.topic, chunk.canonical_alias].some((s) => s?.toLowerCase().includes(term))) continue;
    all.push(chunk);
  }
  all.sort((a, b) => b.num_joined_members - a.num_joined_members || (a.room_id < b.room_id ? -1 : a.room_id > b.room_id ? 1 : 0));
  const limit = q.limit !== undefined && q.limit > 0 ? q.limit : all.length;
  const page: PublicRoomsPage = { chunk: all.slice(offset, offset + limit), total_room_count_estimate: all.length };
  if (offset + limit < all.length) page.next_batch = `o${offset + limit}`;
  if (offset > 0) page.prev_batch = `o${Math.max(0, offset - limit)}`;
  return page;
}

function summarise(ctx: ServerContext, roomId: string, state: StateId, createContent: Record<string, unknown>, joined: (state: StateId) => number): PublicRoomChunk | undefined {
  const store = ctx.data.store();
  const content = (type: string): Record<string, unknown> | undefined => {
    const id = store.stateGet(state, type, '');
    return id === undefined ? undefined : ctx.engine.ctx.event(id)?.pdu.content;
  };
  const joinRule = content('m.room.join_rules')?.join_rule;
  if (joinRule !== 'public') return undefined;
  const chunk: PublicRoomChunk = {
    room_id: roomId,
    num_joined_members: joined(state),
    world_readable: historyVisibilityOf(content('m.room.history_visibility')) === 'world_readable',
    guest_can_join: content('m.room.guest_access')?.guest_access === 'can_join',
    join_rule: joinRule,
  };
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const name = str(content('m.room.name')?.name);
  const topic = str(content('m.room.topic')?.topic);
  const alias = str(content('m.room.canonical_alias')?.alias);
  const avatar = str(content('m.room.avatar')?.url);
  const type = str(createContent.type);
  if (name !== undefined) chunk.name = name;
  if (topic !== undefined) chunk.topic = topic;
  if (alias !== undefined) chunk.canonical_alias = alias;
  if (avatar !== undefined) chunk.avatar_url = avatar;
  if (type !== undefined) chunk.room_type = type;
  return chunk;
}
