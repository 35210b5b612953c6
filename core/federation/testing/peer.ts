// TEST SUPPORT ONLY: a real second server acting as the "remote" peer of a server under test: builds PDUs signed
// with its own key on top of the target's view of a room, and sends signed federation requests, returning the
// status and body whatever they are (errors included).
import { signEvent } from '../../matrix/event-hash.ts';
import { computeEventId } from '../../matrix/event-id.ts';
import { pduSkeleton, type PduSpec } from '../../rooms/testing/pdu-skeleton.ts';
import { roomVersion, type RoomVersionRules } from '../../matrix/room-versions.ts';
import type { JsonObject } from '../../matrix/signing.ts';
import { FederationRequestError } from '../../outbound/federation-error.ts';
import type { HttpMethod } from '../../outbound/federation-client.ts';
import type { ServerContext } from '../../context.ts';
import type { TestServer } from '../../testing/test-server.ts';

/** A PduSpec on the target's view of the room, with the origin_server_ts to use (default: the peer's clock). */
export interface PeerEventSpec extends PduSpec {
  readonly ts?: number;
}

export interface PeerPdu {
  readonly eventId: string;
  readonly pdu: JsonObject;
}

export interface Reply {
  readonly status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON
  readonly body: any;
}

export class Peer {
  readonly server: TestServer;
  #clock = Date.now();
  #txn = 0;

  constructor(server: TestServer) {
    this.server = server;
  }

  get name(): string {
    return this.server.config.serverName;
  }

  user(local: string): string {
    return `@${local}:${this.name}`;
  }

  /** A PDU for `roomId` built on the target's view of the room, hashed and signed with this peer's key. */
  build(target: ServerContext, roomId: string, spec: PeerEventSpec): PeerPdu {
    const room = target.engine.room(roomId)!;
    const rules = roomVersion(room.version)!;
    return this.sign(rules, pduSkeleton(room, target.data.store(), rules, spec, spec.ts ?? this.#clock++));
  }

  sign(rules: RoomVersionRules, pdu: JsonObject): PeerPdu {
    const slots = this.server.host.active;
    const signed = signEvent(slots.json, slots.signer, pdu, rules.redaction, this.server.serverKeys.signingKey);
    return { eventId: computeEventId(slots.json, signed, rules), pdu: signed };
  }

  /** A signed request to `dest`; non-2xx answers come back as `{status, body}` too. */
  async request(dest: string, method: HttpMethod, path: string, body?: unknown): Promise<Reply> {
    try {
      const r = await this.server.client.request(dest, { method, path, ...(body === undefined ? {} : { body }), timeoutMs: 30_000 });
      return { status: r.status, body: r.body };
    } catch (e) {
      if (e instanceof FederationRequestError && e.status !== undefined) return { status: e.status, body: e.body ?? { errcode: e.errcode } };
      throw e;
    }
  }

  /** PUT /send with a fresh (or given) txnId. */
  send(dest: string, pdus: readonly unknown[], edus: readonly unknown[] = [], txnId = `t${Date.now()}-${this.#txn++}`): Promise<Reply> {
    return this.request(dest, 'PUT', `/_matrix/federation/v1/send/${txnId}`, { origin: this.name, origin_server_ts: Date.now(), pdus, edus });
  }
}
