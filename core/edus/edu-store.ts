// Ephemeral data units received over federation (server-server §EDUs): typing, presence, read receipts and
// device-list updates, kept in memory for the admin API. EDUs from a server may only speak for its own users,
// and typing/receipts are subject to the room's server ACL (MSC4163). Malformed EDUs are dropped, never fatal.

export interface EduSource {
  /** The origin server of the transaction. */
  readonly origin: string;
  /** May this server take part in this room (ACL), and is the room one we know? */
  readonly allowedInRoom: (roomId: string, server: string) => boolean;
  readonly now: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const ownUser = (userId: unknown, origin: string): userId is string => typeof userId === 'string' && userId.endsWith(':' + origin);

/** Typing notifications expire after this long without a refresh (Synapse uses 30 s for federated typing). */
export const TYPING_TIMEOUT_MS = 30_000;

export class EduStore {
  /** room → user → expiry time */
  readonly typing = new Map<string, Map<string, number>>();
  /** user → presence content */
  readonly presence = new Map<string, Record<string, unknown>>();
  /** room → receipt type → user → {event_ids, data} */
  readonly receipts = new Map<string, Map<string, Map<string, { event_ids: string[]; data: unknown }>>>();
  /** user → latest device-list update */
  readonly deviceLists = new Map<string, Record<string, unknown>>();
  readonly counts = { accepted: 0, dropped: 0 };

  /** Takes one EDU; returns whether it was accepted. */
  accept(edu: unknown, src: EduSource): boolean {
    const ok = isObject(edu) && typeof edu.edu_type === 'string' && isObject(edu.content) && this.#apply(edu.edu_type, edu.content, src);
    this.counts[ok ? 'accepted' : 'dropped']++;
    return ok;
  }

  #apply(type: string, c: Record<string, unknown>, src: EduSource): boolean {
    switch (type) {
      case 'm.typing': {
        const { room_id: room, user_id: user } = c;
        if (typeof room !== 'string' || !ownUser(user, src.origin) || typeof c.typing !== 'boolean') return false;
        if (!src.allowedInRoom(room, src.origin)) return false;
        let users = this.typing.get(room);
        if (!users) this.typing.set(room, (users = new Map()));
        if (c.typing) users.set(user, src.now + TYPING_TIMEOUT_MS);
        else users.delete(user);
        return true;
      }
      case 'm.presence': {
        if (!Array.isArray(c.push)) return false;
        let any = false;
        for (const p of c.push) if (isObject(p) && ownUser(p.user_id, src.origin) && typeof p.presence === 'string') {
          this.presence.set(p.user_id, { ...p, received_ts: src.now });
          any = true;
        }
        return any || c.push.length === 0;
      }
      case 'm.receipt': {
        let any = false;
        for (const [room, byType] of Object.entries(c)) {
          if (!isObject(byType) || !src.allowedInRoom(room, src.origin)) continue;
          for (const [rtype, byUser] of Object.entries(byType)) {
            if (!isObject(byUser)) continue;
            for (const [user, r] of Object.entries(byUser)) {
              if (!ownUser(user, src.origin) || !isObject(r) || !Array.isArray(r.event_ids) || !r.event_ids.every((e) => typeof e === 'string')) continue;
              let types = this.receipts.get(room);
              if (!types) this.receipts.set(room, (types = new Map()));
              let users = types.get(rtype);
              if (!users) types.set(rtype, (users = new Map()));
              users.set(user, { event_ids: r.event_ids as string[], data: r.data ?? {} });
              any = true;
            }
          }
        }
        return any;
      }
      case 'm.device_list_update': {
        if (!ownUser(c.user_id, src.origin) || typeof c.device_id !== 'string' || !Number.isSafeInteger(c.stream_id)) return false;
        const prev = this.deviceLists.get(c.user_id);
        if (prev && (prev.stream_id as number) >= (c.stream_id as number)) return true; // stale: already newer
        this.deviceLists.set(c.user_id, { ...c, received_ts: src.now });
        return true;
      }
      default:
        return false; // unknown EDU types are ignored
    }
  }

  /** Users currently typing in a room (expired entries are dropped as they are read). */
  typingIn(roomId: string, now: number): string[] {
    const users = this.typing.get(roomId);
    if (!users) return [];
    for (const [u, until] of users) if (until <= now) users.delete(u);
    return [...users.keys()];
  }
}
