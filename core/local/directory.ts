// What this server knows about its own users and names: local users (created on first use through the admin
// API), room aliases (answered over /query/directory), and invites received for local users. All journaled as
// small aux records; `restore` replays them at start.
import { MatrixError, Errcode, invalidParam } from '../matrix/errors.ts';
import { isCompliantUserLocalpart, parseRoomAlias, parseUserId } from '../matrix/ids.ts';

export interface DirectoryJournal {
  append(kind: string, value: unknown): void;
}

export interface PendingInvite {
  readonly room_id: string;
  readonly event_id: string;
  readonly sender: string;
  readonly room_version: string;
  /** The invite event as we signed it, and the stripped state the inviting server sent. */
  readonly event: Record<string, unknown>;
  readonly invite_room_state: readonly unknown[];
  readonly received_ts: number;
}

export const DIRECTORY_USER = 'dir.user';
export const DIRECTORY_ALIAS = 'dir.alias';
export const DIRECTORY_INVITE = 'dir.invite';
export const DIRECTORY_INVITE_DONE = 'dir.invite_done';

export class LocalDirectory {
  readonly serverName: string;
  readonly #journal: DirectoryJournal | undefined;
  readonly #users = new Map<string, { displayname: string | null; created_ts: number }>();
  readonly #aliases = new Map<string, string>();
  readonly #invites = new Map<string, Map<string, PendingInvite>>(); // user → room → invite

  constructor(serverName: string, journal?: DirectoryJournal) {
    this.serverName = serverName;
    this.#journal = journal;
  }

  /** Validates a local user id (the current grammar), creating the user if new. */
  ensureUser(userId: unknown, now = Date.now()): string {
    if (typeof userId !== 'string') throw invalidParam('user must be a user id string');
    const parts = parseUserId(userId);
    if (!parts || parts.serverName !== this.serverName) throw invalidParam(`${userId} is not a user id on ${this.serverName}`);
    if (!isCompliantUserLocalpart(parts.localpart)) throw invalidParam(`"${parts.localpart}" is not a valid localpart (a-z 0-9 . _ = - / +)`);
    if (!this.#users.has(userId)) {
      const u = { displayname: parts.localpart, created_ts: now };
      this.#users.set(userId, u);
      this.#journal?.append(DIRECTORY_USER, { user_id: userId, ...u });
    }
    return userId;
  }

  user(userId: string): { displayname: string | null } | undefined {
    return this.#users.get(userId);
  }

  get userCount(): number {
    return this.#users.size;
  }

  /** Binds `#local:ourserver` to a room; an alias already bound elsewhere is M_ROOM_IN_USE. */
  setAlias(alias: string, roomId: string): void {
    const parts = parseRoomAlias(alias);
    if (!parts || parts.serverName !== this.serverName) throw invalidParam(`${alias} is not an alias on ${this.serverName}`);
    const existing = this.#aliases.get(alias);
    if (existing !== undefined && existing !== roomId) throw new MatrixError(409, Errcode.ROOM_IN_USE, `${alias} already points to ${existing}`);
    if (existing === roomId) return;
    this.#aliases.set(alias, roomId);
    this.#journal?.append(DIRECTORY_ALIAS, { alias, room_id: roomId });
  }

  resolveAlias(alias: string): string | undefined {
    return this.#aliases.get(alias);
  }

  aliasesOf(roomId: string): string[] {
    return [...this.#aliases].filter(([, r]) => r === roomId).map(([a]) => a);
  }

  addInvite(userId: string, invite: PendingInvite): void {
    let rooms = this.#invites.get(userId);
    if (!rooms) this.#invites.set(userId, (rooms = new Map()));
    rooms.set(invite.room_id, invite);
    this.#journal?.append(DIRECTORY_INVITE, { user_id: userId, invite });
  }

  /** The invite is answered (joined, rejected) or withdrawn. */
  clearInvite(userId: string, roomId: string): void {
    if (this.#invites.get(userId)?.delete(roomId)) this.#journal?.append(DIRECTORY_INVITE_DONE, { user_id: userId, room_id: roomId });
  }

  invitesFor(userId: string): PendingInvite[] {
    return [...(this.#invites.get(userId)?.values() ?? [])];
  }

  invite(userId: string, roomId: string): PendingInvite | undefined {
    return this.#invites.get(userId)?.get(roomId);
  }

  /** Replays one journal record of ours. */
  restore(kind: string, value: unknown): void {
    const v = value as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- journal records we wrote
    switch (kind) {
      case DIRECTORY_USER:
        this.#users.set(v.user_id, { displayname: v.displayname ?? null, created_ts: v.created_ts });
        break;
      case DIRECTORY_ALIAS:
        this.#aliases.set(v.alias, v.room_id);
        break;
      case DIRECTORY_INVITE: {
        let rooms = this.#invites.get(v.user_id);
        if (!rooms) this.#invites.set(v.user_id, (rooms = new Map()));
        rooms.set(v.invite.room_id, v.invite);
        break;
      }
      case DIRECTORY_INVITE_DONE:
        this.#invites.get(v.user_id)?.delete(v.room_id);
        break;
    }
  }

  /** Records that rebuild the current state of one kind from nothing (journal snapshots). */
  snapshotRecords(kind: string): unknown[] {
    switch (kind) {
      case DIRECTORY_USER:
        return [...this.#users].map(([user_id, u]) => ({ user_id, ...u }));
      case DIRECTORY_ALIAS:
        return [...this.#aliases].map(([alias, room_id]) => ({ alias, room_id }));
      case DIRECTORY_INVITE:
        return [...this.#invites].flatMap(([user_id, rooms]) => [...rooms.values()].map((invite) => ({ user_id, invite })));
      default:
        return [];
    }
  }

  static readonly KINDS = [DIRECTORY_USER, DIRECTORY_ALIAS, DIRECTORY_INVITE, DIRECTORY_INVITE_DONE] as const;
}
