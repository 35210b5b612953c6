// Joining a fake server's user to a room on the server under test, the real way (server-server-api §Joining
// Rooms): GET /make_join/{roomId}/{userId}?ver=… for a template, fill and sign it, PUT /v2/send_join.
import { ROOM_VERSIONS, roomVersion } from '../../../core/matrix/room-versions.ts';
import type { JsonObject } from '../../../core/matrix/signing.ts';
import type { FakeServer, Reply } from './fake-server.ts';
import { RoomView, type BuiltEvent } from './room-view.ts';
import { FED_SLOTS } from './slots.ts';
import { signEvent } from '../../../core/matrix/event-hash.ts';
import { computeEventId } from '../../../core/matrix/event-id.ts';

const enc = encodeURIComponent;
/** Every version we can build events for, offered as `ver` (joins-v1.yaml). */
const VER_QUERY = [...ROOM_VERSIONS.keys()].map((v) => `ver=${v}`).join('&');

export class FedError extends Error {
  override readonly name = 'FedError';
}

export function failure(what: string, r: Reply): FedError {
  return new FedError(`${what}: ${r.status} ${r.body.toString('utf8').slice(0, 300)}`);
}

export interface SignedJoin {
  readonly version: string;
  readonly event: BuiltEvent;
  readonly makeJoinMs: number;
}

/** make_join, then the template completed (a fresh origin_server_ts), hashed and signed by the user's server. */
export async function prepareJoin(server: FakeServer, roomId: string, userId: string): Promise<SignedJoin> {
  const t0 = performance.now();
  const r = await server.request('GET', `/_matrix/federation/v1/make_join/${enc(roomId)}/${enc(userId)}?${VER_QUERY}`);
  const makeJoinMs = performance.now() - t0;
  if (r.status !== 200) throw failure(`make_join ${userId}`, r);
  const { room_version: version, event: template } = JSON.parse(r.body.toString('utf8')) as { room_version: string; event: JsonObject };
  const rules = roomVersion(version);
  if (rules === undefined) throw new FedError(`make_join ${userId}: unsupported room version ${version}`);
  const pdu: JsonObject = { ...template, origin_server_ts: Date.now() };
  const signed = signEvent(FED_SLOTS.json, FED_SLOTS.signer, pdu, rules.redaction, server.key);
  return { version, makeJoinMs, event: { eventId: computeEventId(FED_SLOTS.json, signed, rules), pdu: signed, depth: signed.depth as number } };
}

/** PUT /_matrix/federation/v2/send_join; resolves with the raw answer (any status) and its time to the last byte. */
export async function sendJoin(server: FakeServer, roomId: string, join: BuiltEvent, omitMembers = false): Promise<{ reply: Reply; ms: number }> {
  const query = omitMembers ? '?omit_members=true' : '';
  const req = server.presign('PUT', `/_matrix/federation/v2/send_join/${enc(roomId)}/${enc(join.eventId)}${query}`, join.pdu);
  const t0 = performance.now();
  const reply = await server.send(req);
  return { reply, ms: performance.now() - t0 };
}

export interface SendJoinAnswer {
  readonly state: JsonObject[];
  readonly auth_chain: JsonObject[];
  readonly members_omitted?: boolean;
}

/**
 * A full join that keeps the generator's view in step: the first join of a room creates the view from the
 * answer's state; later ones move its head (the template was built on the target's only forward extremity).
 */
export async function joinAndTrack(server: FakeServer, roomId: string, userId: string, view: RoomView | undefined): Promise<RoomView> {
  const j = await prepareJoin(server, roomId, userId);
  const { reply } = await sendJoin(server, roomId, j.event);
  if (reply.status !== 200) throw failure(`send_join ${userId}`, reply);
  if (view === undefined) {
    const answer = JSON.parse(reply.body.toString('utf8')) as SendJoinAnswer;
    if (!Array.isArray(answer.state)) throw new FedError(`send_join ${userId}: no state in the answer`);
    view = new RoomView(roomId, j.version, { id: j.event.eventId, depth: j.event.depth });
    view.addState(answer.state);
  }
  view.accept(j.event);
  return view;
}
