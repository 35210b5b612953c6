// TEST SUPPORT ONLY: a local server's room engine over an in-memory store, and "remote" servers with their own
// signing keys that build and sign PDUs the way a peer would, plus the fake key lookup that knows them all.
import makeJson from '../../../plugins/json/single-pass.ts';
import makeSigner from '../../../plugins/signer/node-crypto.ts';
import { roomVersion, type RoomVersionRules } from '../../matrix/room-versions.ts';
import { signEvent } from '../../matrix/event-hash.ts';
import { computeEventId } from '../../matrix/event-id.ts';
import type { JsonObject, SigningKey } from '../../matrix/signing.ts';
import type { EngineSlots, FetchMissing } from '../engine-context.ts';
import { MemoryRoomData } from '../room-data.ts';
import { RoomEngine } from '../room-engine.ts';
import type { EventStore } from '../../slots/store.ts';
import makeStore from '../../../plugins/store/objects.ts';
import { pduSkeleton, type PduSpec } from './pdu-skeleton.ts';

export const slots: EngineSlots = { json: makeJson(), signer: makeSigner() };

export function keyFor(server: string, keyId = 'ed25519:test'): SigningKey {
  const seed = new Uint8Array(32);
  for (let i = 0; i < server.length; i++) seed[i % 32] = (seed[i % 32]! * 31 + server.charCodeAt(i)) & 0xff;
  return { entity: server, keyId, seed };
}

/** Public keys of every server a test knows: the fake `eventKey` the Keyring would provide. */
export class FakeKeys {
  readonly #keys = new Map<string, Uint8Array>();
  add(key: SigningKey): void {
    this.#keys.set(`${key.entity} ${key.keyId}`, slots.signer.publicKey(key.seed));
  }
  readonly eventKey = async (server: string, keyId: string): Promise<Uint8Array | undefined> => this.#keys.get(`${server} ${keyId}`);
}

export interface LocalServer {
  readonly engine: RoomEngine;
  readonly store: EventStore;
  readonly keys: FakeKeys;
  readonly name: string;
}

/** Our server `local.test` with a fresh store and a clock ticking 1 ms per read. */
export function localServer(options: { fetchMissing?: FetchMissing; keys?: FakeKeys; name?: string } = {}): LocalServer {
  const name = options.name ?? 'local.test';
  const store = makeStore();
  const keys = options.keys ?? new FakeKeys();
  const key = keyFor(name);
  keys.add(key);
  let clock = 1_700_000_000_000;
  const engine = new RoomEngine({
    data: new MemoryRoomData(() => store),
    slots,
    serverName: name,
    signingKey: () => key,
    eventKey: keys.eventKey,
    ...(options.fetchMissing === undefined ? {} : { fetchMissing: options.fetchMissing }),
    now: () => clock++,
  });
  return { engine, store, keys, name };
}

/** A PduSpec on the local server's view of the room, with the origin_server_ts to use (default: the peer's clock). */
export interface RemoteEventSpec extends PduSpec {
  readonly ts?: number;
}

export interface RemotePdu {
  readonly eventId: string;
  readonly pdu: JsonObject;
}

/** A peer that signs with its own key; builds events on top of what the local server knows unless told otherwise. */
export class RemoteServer {
  readonly name: string;
  readonly key: SigningKey;
  #clock = 1_800_000_000_000;

  constructor(name: string, keys: FakeKeys) {
    this.name = name;
    this.key = keyFor(name);
    keys.add(this.key);
  }

  build(local: LocalServer, roomId: string, spec: RemoteEventSpec): RemotePdu {
    const room = local.engine.room(roomId)!;
    const rules = roomVersion(room.version)!;
    return this.sign(rules, pduSkeleton(room, local.store, rules, spec, spec.ts ?? this.#clock++));
  }

  sign(rules: RoomVersionRules, pdu: JsonObject): RemotePdu {
    const signed = signEvent(slots.json, slots.signer, pdu, rules.redaction, this.key);
    return { eventId: computeEventId(slots.json, signed, rules), pdu: signed };
  }
}

/** The (type, state_key) → event id map of a state, for comparisons. */
export function stateMap(local: LocalServer, state: number): Map<string, string> {
  const m = new Map<string, string>();
  for (const [type, stateKey, id] of local.store.stateEntries(state)) m.set(`${type}|${stateKey}`, id);
  return m;
}

/** The current state's content for (type, state_key). */
export function currentContent(local: LocalServer, roomId: string, type: string, stateKey = ''): Record<string, unknown> | undefined {
  const id = local.store.stateGet(local.engine.room(roomId)!.currentState, type, stateKey);
  return id === undefined ? undefined : local.engine.event(id)!.pdu.content;
}
