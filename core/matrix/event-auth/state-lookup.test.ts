// stateLookupFrom: by (type, state_key), the later event winning, the same with few events (a scan) and many
// (an index); events without a state_key are not state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Event } from '../pdu.ts';
import { stateLookupFrom } from './state-lookup.ts';

const ev = (id: string, type: string, stateKey?: string): Event =>
  ({ eventId: id, pdu: { type, sender: '@a:x', content: {}, ...(stateKey === undefined ? {} : { state_key: stateKey }) } }) as unknown as Event;

for (const extra of [0, 40]) {
  test(`lookup over ${3 + extra} events`, () => {
    const filler = Array.from({ length: extra }, (_, i) => ev(`$f${i}`, 'm.room.member', `@u${i}:x`));
    const lookup = stateLookupFrom([ev('$pl1', 'm.room.power_levels', ''), ...filler, ev('$msg', 'm.room.message'), ev('$pl2', 'm.room.power_levels', '')]);
    assert.equal(lookup('m.room.power_levels', '')?.eventId, '$pl2', 'the later event wins');
    assert.equal(lookup('m.room.message', ''), undefined, 'not a state event');
    assert.equal(lookup('m.room.power_levels', 'x'), undefined);
    if (extra > 0) assert.equal(lookup('m.room.member', '@u7:x')?.eventId, '$f7');
  });
}
