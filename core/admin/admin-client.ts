// A typed client for the /_admin API over plain HTTP (global fetch): what the tests, the interop suite and
// bench drivers use to act as local users. Non-2xx answers throw AdminApiError with the Matrix errcode.

export class AdminApiError extends Error {
  override readonly name = 'AdminApiError';
  readonly status: number;
  readonly errcode: string | undefined;
  readonly body: unknown;
  constructor(what: string, status: number, body: unknown, text: string) {
    const b = body as { errcode?: unknown; error?: unknown } | undefined;
    super(`${what}: ${status} ${typeof b?.errcode === 'string' ? b.errcode : ''} ${typeof b?.error === 'string' ? b.error : text.slice(0, 300)}`.trimEnd());
    this.status = status;
    this.errcode = typeof b?.errcode === 'string' ? b.errcode : undefined;
    this.body = body;
  }
}

/** A PDU as the admin API shows it: the stored event with its `event_id`. */
export interface AdminPdu {
  event_id: string;
  room_id?: string;
  type: string;
  sender: string;
  state_key?: string;
  content: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- arbitrary event content
  origin_server_ts: number;
  depth: number;
  prev_events: string[];
  auth_events: string[];
  [k: string]: unknown;
}

export interface AdminRoom {
  room_id: string;
  room_version: string;
  members: number;
  servers: string[];
  events: number;
}

export interface AdminEvent {
  event_id: string;
  room_id: string;
  status: 'accepted' | 'rejected' | 'soft_failed' | 'outlier';
  reason: string | null;
  pdu: AdminPdu;
}

export interface AdminInvite {
  room_id: string;
  event_id: string;
  sender: string;
  room_version: string;
  event: Record<string, unknown>;
  invite_room_state: unknown[];
  received_ts: number;
}

export interface CreateRoomBody {
  creator: string;
  room_version?: string;
  preset?: 'public_chat' | 'private_chat';
  name?: string;
  topic?: string;
  alias?: string;
}

const enc = encodeURIComponent;

export class AdminClient {
  readonly url: string;
  /** Per request; federation flows (remote joins) may take a while. */
  readonly timeoutMs: number;

  constructor(url: string, opts: { timeoutMs?: number } = {}) {
    this.url = url.replace(/\/$/, '');
    this.timeoutMs = opts.timeoutMs ?? 120_000;
  }

  /** The raw call; resolves to the parsed JSON body on 2xx, throws AdminApiError otherwise. */
  async request<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (res.status < 200 || res.status > 299) throw new AdminApiError(`${method} ${path}`, res.status, parsed, text);
    return parsed as T;
  }

  async createRoom(body: CreateRoomBody): Promise<string> {
    return (await this.request<{ room_id: string }>('POST', '/_admin/rooms', body)).room_id;
  }

  async join(roomIdOrAlias: string, user: string, via?: string[]): Promise<string> {
    return (await this.request<{ room_id: string }>('POST', `/_admin/rooms/${enc(roomIdOrAlias)}/join`, { user, ...(via ? { via } : {}) })).room_id;
  }

  async sendEvent(roomId: string, user: string, type: string, content: Record<string, unknown>, stateKey?: string): Promise<string> {
    const body = { user, type, content, ...(stateKey === undefined ? {} : { state_key: stateKey }) };
    return (await this.request<{ event_id: string }>('POST', `/_admin/rooms/${enc(roomId)}/send`, body)).event_id;
  }

  /** An m.room.message with msgtype m.text. */
  send(roomId: string, user: string, text: string): Promise<string> {
    return this.sendEvent(roomId, user, 'm.room.message', { msgtype: 'm.text', body: text });
  }

  setState(roomId: string, user: string, type: string, stateKey: string, content: Record<string, unknown>): Promise<string> {
    return this.sendEvent(roomId, user, type, content, stateKey);
  }

  async invite(roomId: string, user: string, target: string): Promise<string> {
    return (await this.request<{ event_id: string }>('POST', `/_admin/rooms/${enc(roomId)}/invite`, { user, target })).event_id;
  }

  async leave(roomId: string, user: string): Promise<string | undefined> {
    return (await this.request<{ event_id?: string }>('POST', `/_admin/rooms/${enc(roomId)}/leave`, { user })).event_id;
  }

  async kick(roomId: string, user: string, target: string, reason?: string): Promise<string> {
    return this.#moderate('kick', roomId, user, target, reason);
  }

  async ban(roomId: string, user: string, target: string, reason?: string): Promise<string> {
    return this.#moderate('ban', roomId, user, target, reason);
  }

  async unban(roomId: string, user: string, target: string): Promise<string> {
    return this.#moderate('unban', roomId, user, target);
  }

  async #moderate(action: string, roomId: string, user: string, target: string, reason?: string): Promise<string> {
    const body = { user, target, ...(reason === undefined ? {} : { reason }) };
    return (await this.request<{ event_id: string }>('POST', `/_admin/rooms/${enc(roomId)}/${action}`, body)).event_id;
  }

  rooms(): Promise<AdminRoom[]> {
    return this.request('GET', '/_admin/rooms');
  }

  state(roomId: string): Promise<AdminPdu[]> {
    return this.request('GET', `/_admin/rooms/${enc(roomId)}/state`);
  }

  /** The current state event of (type, state_key), or undefined. */
  async stateEvent(roomId: string, type: string, stateKey = ''): Promise<AdminPdu | undefined> {
    return (await this.state(roomId)).find((e) => e.type === type && e.state_key === stateKey);
  }

  /** User ids whose current membership is `membership` (default join), sorted. */
  async members(roomId: string, membership = 'join'): Promise<string[]> {
    return (await this.state(roomId)).filter((e) => e.type === 'm.room.member' && e.content.membership === membership).map((e) => e.state_key!).sort();
  }

  messages(roomId: string, opts: { limit?: number; from?: string } = {}): Promise<{ events: AdminPdu[]; next: string | null }> {
    const q = new URLSearchParams();
    if (opts.limit !== undefined) q.set('limit', String(opts.limit));
    if (opts.from !== undefined) q.set('from', opts.from);
    const qs = q.toString();
    return this.request('GET', `/_admin/rooms/${enc(roomId)}/messages${qs ? '?' + qs : ''}`);
  }

  event(eventId: string): Promise<AdminEvent> {
    return this.request('GET', `/_admin/events/${enc(eventId)}`);
  }

  invites(user: string): Promise<AdminInvite[]> {
    return this.request('GET', `/_admin/invites?user=${enc(user)}`);
  }
}
