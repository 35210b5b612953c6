// Synapse's client-server API for tests, the TypeScript twin of shared/peers/synapse/client.sh: register users,
// then act as them (create, join, send, state, messages, members, leave, invite, kick, ban, profile).
import { call, type HttpResult } from '../../../core/testing/http.ts';

/** A non-2xx answer from Synapse's client API. */
export class SynapseApiError extends Error {
  override readonly name = 'SynapseApiError';
  readonly status: number;
  readonly errcode: string | undefined;
  constructor(what: string, r: HttpResult) {
    super(`${what}: ${r.status} ${r.body?.errcode ?? ''} ${r.body?.error ?? r.text.slice(0, 300)}`.trimEnd());
    this.status = r.status;
    this.errcode = typeof r.body?.errcode === 'string' ? r.body.errcode : undefined;
  }
}

const enc = encodeURIComponent;
let txn = 0;

/** One event from /messages, as client.sh prints it plus the content. */
export interface ClientEvent {
  event_id: string;
  type: string;
  sender: string;
  state_key?: string;
  origin_server_ts: number;
  content: Record<string, unknown>;
}

export interface CreateRoomOptions {
  /** Room version, e.g. '10', '11', '12' (default: the server's default_room_version). */
  version?: string;
  /** Local part of an alias to publish (`#<alias>:<server>`). */
  alias?: string;
  /** 'public_chat' (default) | 'private_chat' | 'trusted_private_chat'. */
  preset?: string;
  /** User ids to invite at creation. */
  invite?: string[];
  /** More createRoom body fields (name, topic, initial_state, power_level_content_override…). */
  extra?: Record<string, unknown>;
}

export class SynapseClient {
  readonly url: string;
  readonly serverName: string;

  constructor(url: string, serverName: string) {
    this.url = url;
    this.serverName = serverName;
  }

  /** The raw call: `/_matrix/client/v3` + path; throws SynapseApiError unless 2xx. */
  async request(method: string, path: string, body?: unknown, token?: string): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const r = await call(method, `${this.url}/_matrix/client/v3${path}`, body, headers);
    if (r.status < 200 || r.status > 299) throw new SynapseApiError(`${method} ${path}`, r);
    return r.body;
  }

  /** Open registration with m.login.dummy (client.sh register). */
  async register(localpart: string, password = `pw-${localpart}-secret`): Promise<SynapseUser> {
    const r = await this.request('POST', '/register', { username: localpart, password, auth: { type: 'm.login.dummy' } });
    return new SynapseUser(this, r.user_id as string, r.access_token as string);
  }

  /** `@localpart:<this server>`. */
  userId(localpart: string): string {
    return `@${localpart}:${this.serverName}`;
  }
}

/** A registered user, acting through its access token. */
export class SynapseUser {
  readonly client: SynapseClient;
  readonly userId: string;
  readonly token: string;

  constructor(client: SynapseClient, userId: string, token: string) {
    this.client = client;
    this.userId = userId;
    this.token = token;
  }

  #do(method: string, path: string, body?: unknown): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    return this.client.request(method, path, body, this.token);
  }

  /** A public room by default (client.sh create-room) → room id. */
  async createRoom(o: CreateRoomOptions = {}): Promise<string> {
    const body: Record<string, unknown> = { preset: o.preset ?? 'public_chat', visibility: 'public', ...o.extra };
    if (o.version !== undefined) body.room_version = o.version;
    if (o.alias !== undefined) body.room_alias_name = o.alias;
    if (o.invite !== undefined) body.invite = o.invite;
    return (await this.#do('POST', '/createRoom', body)).room_id as string;
  }

  /** Joins by id or alias, over federation through `via` when the room is elsewhere (client.sh join) → room id. */
  async join(roomIdOrAlias: string, via: string[] = []): Promise<string> {
    const q = via.map((s) => `server_name=${enc(s)}`).join('&');
    return (await this.#do('POST', `/join/${enc(roomIdOrAlias)}${q ? '?' + q : ''}`, {})).room_id as string;
  }

  /** An m.room.message with msgtype m.text (client.sh send) → event id. */
  send(roomId: string, body: string): Promise<string> {
    return this.sendEvent(roomId, 'm.room.message', { msgtype: 'm.text', body });
  }

  async sendEvent(roomId: string, type: string, content: Record<string, unknown>): Promise<string> {
    const id = `fl${Date.now()}.${++txn}`;
    return (await this.#do('PUT', `/rooms/${enc(roomId)}/send/${enc(type)}/${id}`, content)).event_id as string;
  }

  /** Sends a state event (client.sh state) → event id. */
  async setState(roomId: string, type: string, stateKey: string, content: Record<string, unknown>): Promise<string> {
    return (await this.#do('PUT', `/rooms/${enc(roomId)}/state/${enc(type)}/${enc(stateKey)}`, content)).event_id as string;
  }

  /** The content of one current state event. */
  getState(roomId: string, type: string, stateKey = ''): Promise<Record<string, unknown>> {
    return this.#do('GET', `/rooms/${enc(roomId)}/state/${enc(type)}/${enc(stateKey)}`);
  }

  /** The whole current state (an array of events). */
  allState(roomId: string): Promise<ClientEvent[]> {
    return this.#do('GET', `/rooms/${enc(roomId)}/state`);
  }

  /** Newest first (client.sh messages). */
  async messages(roomId: string, limit = 50): Promise<ClientEvent[]> {
    return (await this.#do('GET', `/rooms/${enc(roomId)}/messages?dir=b&limit=${limit}`)).chunk as ClientEvent[];
  }

  event(roomId: string, eventId: string): Promise<ClientEvent> {
    return this.#do('GET', `/rooms/${enc(roomId)}/event/${enc(eventId)}`);
  }

  /** Joined user ids, sorted (client.sh members). */
  async members(roomId: string): Promise<string[]> {
    return Object.keys((await this.#do('GET', `/rooms/${enc(roomId)}/joined_members`)).joined as object).sort();
  }

  /** Room ids this user has joined. */
  async joinedRooms(): Promise<string[]> {
    return (await this.#do('GET', '/joined_rooms')).joined_rooms as string[];
  }

  async leave(roomId: string): Promise<void> {
    await this.#do('POST', `/rooms/${enc(roomId)}/leave`, {});
  }

  async invite(roomId: string, userId: string): Promise<void> {
    await this.#do('POST', `/rooms/${enc(roomId)}/invite`, { user_id: userId });
  }

  async kick(roomId: string, userId: string, reason?: string): Promise<void> {
    await this.#do('POST', `/rooms/${enc(roomId)}/kick`, { user_id: userId, ...(reason ? { reason } : {}) });
  }

  async ban(roomId: string, userId: string, reason?: string): Promise<void> {
    await this.#do('POST', `/rooms/${enc(roomId)}/ban`, { user_id: userId, ...(reason ? { reason } : {}) });
  }

  async unban(roomId: string, userId: string): Promise<void> {
    await this.#do('POST', `/rooms/${enc(roomId)}/unban`, { user_id: userId });
  }

  async setDisplayName(name: string): Promise<void> {
    await this.#do('PUT', `/profile/${enc(this.userId)}/displayname`, { displayname: name });
  }
}
