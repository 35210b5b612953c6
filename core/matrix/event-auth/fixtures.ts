// Test fixtures for the auth-rule tests (used only by *.test.ts): events with hand-chosen ids and a room
// state that tests mutate. Scenarios are re-encoded from gomatrixserverlib eventauth_test.go and ruma
// ruma-state-res event_auth tests, with our own users and ids.
import assert from 'node:assert/strict';
import nacl from 'tweetnacl';
import { roomVersion, type RoomVersionRules } from '../room-versions.ts';
import type { Event, Pdu } from '../pdu.ts';
import type { JsonCodec } from '../../slots/json.ts';
import type { Signer } from '../../slots/signer.ts';
import { checkAuth, type AuthOptions, type AuthResult, type StateLookup } from './check-auth.ts';
import { domainOf } from './user-id.ts';

export const ALICE = '@alice:a.test'; // creates every test room
export const BOB = '@bob:b.test';
export const CHARLIE = '@charlie:c.test';
export const ZARA = '@zara:z.test';
export const ALL_VERSIONS = ['6', '7', '8', '9', '10', '11', '12'] as const;

export function rulesOf(id: string): RoomVersionRules {
  const rules = roomVersion(id);
  assert.ok(rules, `room version ${id}`);
  return rules;
}

/** What a test says about an event; everything else gets a plausible default. */
export interface EventSpec {
  type: string;
  sender: string;
  state_key?: string;
  content?: Record<string, unknown>;
  prev_events?: string[];
  auth_events?: string[];
  signatures?: Record<string, Record<string, string>>;
  extra?: Record<string, unknown>;
}

/** A PDU with the given id; `roomId` undefined leaves room_id out (v12 create). Signed by the sender's server. */
export function makeEvent(eventId: string, spec: EventSpec, roomId: string | undefined): Event {
  const pdu: Pdu = {
    ...(roomId === undefined ? {} : { room_id: roomId }),
    sender: spec.sender,
    origin_server_ts: 1_700_000_000_000,
    type: spec.type,
    ...(spec.state_key === undefined ? {} : { state_key: spec.state_key }),
    content: spec.content ?? {},
    prev_events: spec.prev_events ?? ['$prev'],
    auth_events: spec.auth_events ?? [],
    depth: 10,
    hashes: { sha256: 'hash' },
    signatures: spec.signatures ?? { [domainOf(spec.sender)]: { 'ed25519:k': 'sig' } },
    ...spec.extra,
  };
  return { eventId, pdu };
}

export class TestRoom {
  readonly rules: RoomVersionRules;
  readonly roomId: string;
  readonly create: Event;
  readonly #state = new Map<string, Map<string, Event>>();
  #next = 0;

  /** A room created by `creator` (default Alice), holding only its create event. */
  constructor(version: string, opts: { creator?: string; createContent?: Record<string, unknown> } = {}) {
    this.rules = rulesOf(version);
    const creator = opts.creator ?? ALICE;
    this.roomId = this.rules.roomIdFromCreateEvent ? '!create' : `!room:${domainOf(creator)}`;
    const content = {
      room_version: version,
      ...(this.rules.createNeedsCreator ? { creator } : {}),
      ...opts.createContent,
    };
    const createSpec = { type: 'm.room.create', sender: creator, state_key: '', content, prev_events: [] };
    this.create = makeEvent('$create', createSpec, this.rules.roomIdFromCreateEvent ? undefined : this.roomId);
    this.set(this.create);
  }

  /** A new event in this room with a fresh id (`$e1`, `$e2`, … unless `id` is given); not added to state. */
  event(spec: EventSpec, id?: string): Event {
    return makeEvent(id ?? `$e${++this.#next}`, spec, this.roomId);
  }

  /** Puts state events into the room state (replacing the holder of the same type and state_key). */
  set(...events: Event[]): this {
    for (const e of events) {
      const key = e.pdu.state_key;
      assert.equal(typeof key, 'string', 'only state events go into the state');
      let m = this.#state.get(e.pdu.type);
      if (m === undefined) this.#state.set(e.pdu.type, (m = new Map()));
      m.set(key as string, e);
    }
    return this;
  }

  /** Removes the holder of (type, stateKey) from the state. */
  unset(type: string, stateKey: string): this {
    this.#state.get(type)?.delete(stateKey);
    return this;
  }

  readonly lookup: StateLookup = (type, stateKey) => this.#state.get(type)?.get(stateKey);

  /** A member event for `user` (sent by `sender`, default the user) — built and added to state. */
  member(user: string, membership: string, sender = user, content: Record<string, unknown> = {}): Event {
    const e = this.memberEvent(user, membership, sender, content);
    this.set(e);
    return e;
  }

  /** A member event for `user`, not added to state. */
  memberEvent(user: string, membership: string, sender = user, content: Record<string, unknown> = {}): Event {
    return this.event({ type: 'm.room.member', sender, state_key: user, content: { membership, ...content } });
  }

  powerLevels(content: Record<string, unknown>, sender = ALICE): Event {
    const e = this.event({ type: 'm.room.power_levels', sender, state_key: '', content });
    this.set(e);
    return e;
  }

  joinRule(rule: string, sender = ALICE): Event {
    const e = this.event({ type: 'm.room.join_rules', sender, state_key: '', content: { join_rule: rule } });
    this.set(e);
    return e;
  }

  check(e: Event | EventSpec, options?: AuthOptions): AuthResult {
    const event = 'eventId' in e ? e : this.event(e);
    return checkAuth(this.rules, event, this.lookup, undefined, options);
  }
}

/**
 * A room as creation leaves it: Alice's create event and join, power levels giving Alice 100 (v6–v11) or
 * listing nobody (v12, where Alice as creator is all-powerful), and the given join rule.
 */
export function createdRoom(version: string, joinRule = 'public'): TestRoom {
  const room = new TestRoom(version);
  room.member(ALICE, 'join');
  room.powerLevels(room.rules.privilegedCreators ? { users: {} } : { users: { [ALICE]: 100 } });
  room.joinRule(joinRule);
  return room;
}

export function assertAllowed(r: AuthResult): void {
  if (!r.ok) assert.fail(`expected allowed, got rejected: ${r.reason}`);
}

/** Asserts a rejection whose reason matches `why` (each reason names its rule, so tests pin the step). */
export function assertRejected(r: AuthResult, why: RegExp): void {
  if (r.ok) assert.fail(`expected rejection matching ${why}, got allowed`);
  assert.match(r.reason, why);
}

/** Canonical JSON for the test data here (sorted keys, no whitespace); enough for ASCII strings and integers. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

export const testJson: JsonCodec = {
  name: 'test-canonical',
  encode: (v) => Buffer.from(canonical(v)),
  stringify: canonical,
  sha256: () => assert.fail('not needed by these tests'),
};

export const naclSigner: Signer = {
  name: 'test-tweetnacl',
  publicKey: (seed) => nacl.sign.keyPair.fromSeed(seed).publicKey,
  sign: (seed, message) => nacl.sign.detached(message, nacl.sign.keyPair.fromSeed(seed).secretKey),
  verify: (publicKey, message, signature) => {
    try {
      return nacl.sign.detached.verify(message, signature, publicKey);
    } catch {
      return false;
    }
  },
};

/** Unpadded standard base64. */
export function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64').replace(/=+$/, '');
}
