// PUT /_matrix/federation/v1/send/{txnId} — server-server-api §Transactions (PUT /send), §Checks performed on
// receipt of a PDU, §Server ACLs (per PDU, and typing/receipt EDUs: MSC4163)
import type { ServerContext } from '../context.ts';
import type { Request, Route } from '../http/route.ts';
import { badJson, forbidden } from '../matrix/errors.ts';
import { computeEventId, roomIdFromCreateEvent } from '../matrix/event-id.ts';
import { DEFAULT_ROOM_VERSION, roomVersion, type RoomVersionRules } from '../matrix/room-versions.ts';
import type { JsonObject } from '../matrix/signing.ts';
import { CanonicalMembers, rememberMembers } from '../matrix/canonical-members.ts';
import { elementRanges } from '../matrix/canonical-scan.ts';
import type { JsonCodec } from '../slots/json.ts';
import { pduResult } from '../rooms/outcome.ts';
import type { RoomAccess } from './room-access.ts';
import { TxnCache } from './txn-cache.ts';

export const MAX_PDUS = 50;
export const MAX_EDUS = 100;
/** 50 PDUs of at most 64 KiB each, plus EDUs, with room to spare. */
export const SEND_MAX_BODY = 16 * 1024 * 1024;

type PduResults = Record<string, { error?: string }>;
export interface SendResponse {
  pdus: PduResults;
}

interface Txn {
  readonly pdus: readonly JsonObject[];
  readonly edus: readonly unknown[];
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Always 200 with a result per PDU we could name once the transaction itself is well-formed (400 M_BAD_JSON
 * otherwise; M_NOT_JSON for a body that is not JSON is answered before authentication reads it). The body's
 * `origin` must be the authenticated origin (403 M_FORBIDDEN). Repeats of (origin, txnId) get the first answer.
 */
export function sendTransactionRoute(ctx: ServerContext, access: RoomAccess, cache = new TxnCache<SendResponse>()): Route {
  return {
    method: 'PUT',
    path: '/_matrix/federation/v1/send/:txnId',
    auth: 'x-matrix',
    maxBody: SEND_MAX_BODY,
    canonicalBody: (body) => canonicalTransaction(ctx.slots.json, body),
    async handle(req) {
      const origin = req.origin!;
      // The origin is talking to us, so it is up: retry what we owe it now rather than after the backoff.
      ctx.sender.wake(origin);
      const txn = parseTransaction(req, origin);
      const json = await cache.run(origin, req.params[0]!, () => processTransaction(ctx, access, origin, txn));
      return { json };
    },
  };
}

/**
 * The body's canonical JSON for the request signature. Each PDU's place in it is remembered, so the receipt
 * checks join slices of these bytes instead of encoding every PDU again (canonical-members.ts).
 */
function canonicalTransaction(json: JsonCodec, body: JsonObject): Uint8Array {
  const bytes = json.encode(body);
  const pdus = body.pdus;
  if (Array.isArray(pdus) && pdus.length > 0) {
    try {
      const list = CanonicalMembers.within(body, bytes, 0, bytes.length).value('pdus')!;
      const places = elementRanges(list, 0, list.length);
      pdus.forEach((pdu, i) => {
        if (isObject(pdu)) rememberMembers(pdu, CanonicalMembers.within(pdu, list, places[i]![0], places[i]![1]));
      });
    } catch (e) {
      // Bytes that do not match the parsed body would be our encoder's bug: the receipt checks then encode each
      // PDU themselves, as for PDUs that did not come through /send.
      if (!(e instanceof RangeError)) throw e;
    }
  }
  return bytes;
}

function parseTransaction(req: Request, origin: string): Txn {
  const body = req.json();
  if (typeof body.origin !== 'string') throw badJson('origin must be a server name');
  if (body.origin !== origin) throw forbidden(`transaction origin ${body.origin} is not the authenticated origin ${origin}`);
  if (!Number.isSafeInteger(body.origin_server_ts)) throw badJson('origin_server_ts must be an integer');
  const { pdus, edus = [] } = body;
  if (!Array.isArray(pdus)) throw badJson('pdus must be a list');
  if (pdus.length > MAX_PDUS) throw badJson(`a transaction holds at most ${MAX_PDUS} PDUs, not ${pdus.length}`);
  if (!pdus.every(isObject)) throw badJson('every PDU must be a JSON object');
  if (!Array.isArray(edus)) throw badJson('edus must be a list');
  if (edus.length > MAX_EDUS) throw badJson(`a transaction holds at most ${MAX_EDUS} EDUs, not ${edus.length}`);
  return { pdus, edus };
}

async function processTransaction(ctx: ServerContext, access: RoomAccess, origin: string, txn: Txn): Promise<SendResponse> {
  ctx.metrics.addPdus(txn.pdus.length);
  const now = Date.now();
  const allowedInRoom = (roomId: string, server: string) => {
    const room = ctx.engine.room(roomId);
    return room !== undefined && access.acl(room.currentState).allows(server);
  };
  for (const edu of txn.edus) ctx.edus.accept(edu, { origin, now, allowedInRoom });

  const results: PduResults = {};
  const byRoom = new Map<string, JsonObject[]>();
  for (const pdu of txn.pdus) {
    const roomId = roomIdOf(ctx, pdu);
    const room = roomId === undefined ? undefined : ctx.engine.room(roomId);
    if (room === undefined) {
      name(ctx, results, pdu, undefined, { error: roomId === undefined ? 'PDU names no room' : `unknown room ${roomId}` });
      continue;
    }
    if (!access.acl(room.currentState).allows(origin)) {
      name(ctx, results, pdu, rulesOf(room.version), { error: `server ${origin} is denied by the server ACL of ${room.roomId}` });
      continue;
    }
    let list = byRoom.get(room.roomId);
    if (list === undefined) byRoom.set(room.roomId, (list = []));
    list.push(pdu);
  }
  // Rooms concurrently (fetching missing events for one must not hold up the others); PDUs of a room in order.
  // An unexpected failure (e.g. the journal) fails the whole request, uncached, so the sender retries.
  await Promise.all([...byRoom].map(async ([roomId, pdus]) => {
    const outcomes = await ctx.engine.receive(roomId, pdus, origin);
    const rules = rulesOf(ctx.engine.room(roomId)!.version);
    outcomes.forEach((r, i) => {
      if (r.eventId !== undefined) results[r.eventId] = pduResult(r);
      else name(ctx, results, pdus[i]!, rules, pduResult(r));
    });
  }));
  return { pdus: results };
}

/** The PDU's room: `room_id`, or for a room-v12 create event (which has none) the room id its hash defines. */
function roomIdOf(ctx: ServerContext, pdu: JsonObject): string | undefined {
  if (typeof pdu.room_id === 'string') return pdu.room_id;
  if (pdu.room_id !== undefined || pdu.type !== 'm.room.create' || !isObject(pdu.content)) return undefined;
  const version = pdu.content.room_version;
  const rules = typeof version === 'string' ? roomVersion(version) : undefined;
  if (rules === undefined || !rules.roomIdFromCreateEvent) return undefined;
  try {
    return roomIdFromCreateEvent(ctx.slots.json, withoutUnsigned(pdu), rules);
  } catch {
    return undefined; // non-canonical values: no id
  }
}

/**
 * Records an error under the PDU's event id, computed by the room's rules, or (room unknown) by the newest
 * rules we support — a best effort: the spec wants a result per PDU, and a sender using another room version
 * just sees an id it does not know. A PDU whose id cannot be computed at all (non-canonical JSON) gets no entry.
 */
function name(ctx: ServerContext, results: PduResults, pdu: JsonObject, rules: RoomVersionRules | undefined, result: { error?: string }): void {
  let id: string | undefined = typeof pdu.event_id === 'string' ? pdu.event_id : undefined;
  if (id === undefined) {
    try {
      id = computeEventId(ctx.slots.json, withoutUnsigned(pdu), rules ?? rulesOf(DEFAULT_ROOM_VERSION));
    } catch {
      return;
    }
  }
  results[id] = result;
}

function rulesOf(version: string): RoomVersionRules {
  return roomVersion(version) ?? roomVersion(DEFAULT_ROOM_VERSION)!;
}

function withoutUnsigned(pdu: JsonObject): JsonObject {
  if (!Object.hasOwn(pdu, 'unsigned')) return pdu;
  const { unsigned: _unsigned, ...rest } = pdu;
  return rest;
}
