// Quick check a store must pass before the plugin host swaps it in (run on a fresh, empty instance).
import { PluginError, PluginErrorCode } from '../../core/slots/plugin.ts';
import { EventStatus, type EventStore, type NewEvent } from '../../core/slots/store.ts';

const utf8 = new TextEncoder();
const ROOM = '!fl-self-check:invalid';
const CREATE = '$fl-self-check-create';
const MEMBER = '$fl-self-check-member';
const MSG = '$fl-self-check-message\u{1F389}';
const USER = '@fl-self-check:invalid';

const base = (eventId: string, over: Partial<NewEvent>): NewEvent => ({
  eventId, roomId: ROOM, type: 'm.room.message', stateKey: null, sender: USER, depth: 1, originServerTs: 1_700_000_000_000,
  prevEvents: [], authEvents: [], bytes: utf8.encode(`{"event":"${eventId}","café":"✓"}`), status: EventStatus.ACCEPTED,
  reason: null, stateBefore: 0, ...over,
});

const sameBytes = (a: Uint8Array | undefined, b: Uint8Array): boolean =>
  a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Puts three events and builds three states in `store` (must be empty; it may share the live interner, so
 * the strings are distinctive), then checks round trips, a duplicate put, lookups, a removal, entries, a
 * definition, an update with new bytes, insertion order and a room listing. Throws a PluginError
 * (FL_SELF_CHECK_FAILED) naming the first mismatch.
 */
export function selfCheck(store: EventStore): void {
  const fail = (what: string, cause?: unknown): never => {
    throw new PluginError(PluginErrorCode.SELF_CHECK_FAILED, store.name, what, { cause });
  };
  try {
    if (store.size !== 0 || store.stateCount !== 0) fail(`expected an empty instance, size ${store.size}, ${store.stateCount} states`);
    const create = base(CREATE, { type: 'm.room.create', stateKey: '' });
    store.put(create);
    const s1 = store.newState(0, [['m.room.create', '', CREATE]]);
    const member = base(MEMBER, { type: 'm.room.member', stateKey: USER, depth: 2, prevEvents: [CREATE], authEvents: [CREATE], stateBefore: s1 });
    store.put(member);
    const s2 = store.newState(s1, [['m.room.member', USER, MEMBER]]);
    const msg = base(MSG, { depth: 3, prevEvents: [MEMBER], authEvents: [CREATE, MEMBER], stateBefore: s2, status: EventStatus.SOFT_FAILED, reason: 'r' });
    store.put(msg);
    if (s1 !== 1 || s2 !== 2 || store.stateCount !== 2) fail(`state ids ${s1}, ${s2} (count ${store.stateCount}), expected 1, 2`);
    if (store.size !== 3 || !store.has(MSG) || store.has('$fl-self-check-absent')) fail('size/has wrong after three puts');
    const got = store.get(MSG);
    if (
      got === undefined || got.seq !== 2 || got.eventId !== MSG || got.roomId !== ROOM || got.type !== 'm.room.message' ||
      got.stateKey !== null || got.sender !== USER || got.depth !== 3 || got.originServerTs !== msg.originServerTs ||
      got.prevEvents.join() !== MEMBER || got.authEvents.join() !== `${CREATE},${MEMBER}` || got.status !== EventStatus.SOFT_FAILED ||
      got.reason !== 'r' || got.stateBefore !== s2 || !sameBytes(got.bytes, msg.bytes)
    ) fail('get did not give back what was put');
    if (store.get(CREATE)?.stateKey !== '' || !sameBytes(store.bytes(MEMBER), member.bytes)) fail('state_key "" or bytes() wrong');
    if (store.get('$fl-self-check-absent') !== undefined) fail('get of an unknown id is not undefined');
    let threw = false;
    try {
      store.put(create);
    } catch {
      threw = true;
    }
    if (!threw || store.size !== 3) fail('a duplicate put did not throw');
    if (store.stateGet(s2, 'm.room.create', '') !== CREATE || store.stateGet(s2, 'm.room.member', USER) !== MEMBER) fail('stateGet misses an entry');
    if (store.stateGet(s1, 'm.room.member', USER) !== undefined) fail('a parent state sees its child\'s entry');
    const s3 = store.newState(s2, [['m.room.member', USER, null], ['m.room.name', '', '$n1'], ['m.room.name', '', '$n2']]);
    if (store.stateGet(s3, 'm.room.member', USER) !== undefined || store.stateGet(s3, 'm.room.name', '') !== '$n2') fail('removal or later-wins wrong');
    const entries = [...store.stateEntries(s3)].map((e) => e.join('|')).sort().join();
    if (entries !== 'm.room.create||$fl-self-check-create,m.room.name||$n2' || store.stateSize(s3) !== 2) fail(`entries of state 3: ${entries}`);
    if ([...store.stateEntries(s2, 'm.room.member')].length !== 1) fail('stateEntries with a type filter');
    const def = store.stateDefinition(s3);
    if (def.parent !== s2 || JSON.stringify(def.changes) !== JSON.stringify([['m.room.member', USER, null], ['m.room.name', '', '$n1'], ['m.room.name', '', '$n2']])) fail('stateDefinition differs from what was passed');
    const redacted = utf8.encode('{"redacted":true}');
    store.update(MSG, { status: EventStatus.ACCEPTED, reason: null, bytes: redacted });
    const after = store.get(MSG);
    if (after?.status !== EventStatus.ACCEPTED || after.reason !== null || after.seq !== 2 || !sameBytes(store.bytes(MSG), redacted)) fail('update');
    if ([...store.events()].map((e) => `${e.seq}${e.eventId}`).join() !== `0${CREATE},1${MEMBER},2${MSG}`) fail('events() out of order');
    if ([...store.roomEvents(ROOM, 1)].map((e) => e.eventId).join() !== `${MEMBER},${MSG}` || store.roomEventCount(ROOM) !== 3) fail('roomEvents');
    let range: unknown;
    try {
      store.stateGet(99, 'm.room.create', '');
    } catch (err) {
      range = err;
    }
    if (!(range instanceof RangeError)) fail('stateGet of an unknown state did not throw RangeError');
  } catch (err) {
    if (err instanceof PluginError) throw err;
    fail(`threw ${String(err)}`, err);
  }
}
