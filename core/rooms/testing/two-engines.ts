// TEST SUPPORT ONLY: a resident engine and a joining engine sharing a fake key lookup, and the join handshake
// between them done in-process (template from the resident, signed by the joiner, accepted by the resident, its
// state and auth chain handed to the joiner) — the engine halves of make_join/send_join without HTTP.
import assert from 'node:assert/strict';
import { signEvent } from '../../matrix/event-hash.ts';
import { computeEventId } from '../../matrix/event-id.ts';
import type { Pdu } from '../../matrix/pdu.ts';
import type { JsonObject } from '../../matrix/signing.ts';
import type { RemoteJoinInput } from '../join-remote-room.ts';
import { Outcome } from '../outcome.ts';
import { FakeKeys, keyFor, localServer, slots, type LocalServer } from './harness.ts';

export const RESIDENT = 'resident.test';
export const JOINER = 'joiner.test';
export const ALICE = `@alice:${RESIDENT}`;
export const BOB = `@bob:${JOINER}`;

export function twoEngines(): { resident: LocalServer; joiner: LocalServer } {
  const keys = new FakeKeys();
  return { resident: localServer({ keys, name: RESIDENT }), joiner: localServer({ keys, name: JOINER }) };
}

/** The joiner's user's join, built from the resident's template and signed with the joiner's key. */
export function signedJoin(resident: LocalServer, roomId: string, user = BOB, content: Record<string, unknown> = { membership: 'join' }): { id: string; pdu: JsonObject } {
  const t = resident.engine.template(roomId, { type: 'm.room.member', stateKey: user, sender: user, content });
  const pdu = signEvent(slots.json, slots.signer, t.event, t.rules.redaction, keyFor(JOINER));
  return { id: computeEventId(slots.json, pdu, t.rules), pdu };
}

/** The resident accepts the join; returns what its send_join answer would carry (state before the join, auth chains). */
export async function residentAccepts(resident: LocalServer, roomId: string, join: { id: string; pdu: JsonObject }): Promise<RemoteJoinInput> {
  const [r] = await resident.engine.receive(roomId, [join.pdu]);
  assert.equal(r!.outcome, Outcome.ACCEPTED, r!.reason);
  const before = resident.engine.stateId(join.id, 'before');
  const stateIds = resident.engine.stateEntries(before).map(([, , id]) => id);
  const pduOf = (id: string): Pdu => resident.engine.event(id)!.pdu;
  return {
    roomId,
    version: resident.engine.room(roomId)!.version,
    join: join.pdu,
    state: stateIds.map(pduOf),
    authChain: resident.engine.authChain([join.id, ...stateIds]).map(pduOf),
  };
}

/** The whole engine side of a remote join (no history): prepare, store the state, accept the join. */
export async function joinFromInput(joiner: LocalServer, input: RemoteJoinInput): Promise<string> {
  const p = await joiner.engine.prepareRemoteJoin(input);
  const js = joiner.engine.storeJoinState(p);
  return joiner.engine.completeRemoteJoin(p, js);
}
