// Tests for the JSON layer: values and snapshots round-trip through the byte journal.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Journal } from './journal.ts';
import { appendJson, decodeJson, encodeJson, jsonSnapshot, onJsonRecord, readJsonSnapshot } from './json-records.ts';
import { tempDir } from './test-util.ts';

describe('JSON records', () => {
  test('values round-trip, including non-ASCII text', async () => {
    const dir = tempDir();
    const values = [
      { type: 'm.room.message', content: { body: 'héllo 🌍' }, depth: 12 },
      [1, 2, 3],
      'just a string',
      null,
    ];
    const j = await Journal.open(dir);
    await j.replay(() => {});
    for (const v of values) await appendJson(j, 9, v);
    await j.close();

    const k = await Journal.open(dir);
    const got: [number, unknown][] = [];
    await k.replay(onJsonRecord((type, value) => void got.push([type, value])));
    assert.deepEqual(got, values.map((v) => [9, v]));
    await k.close();
  });

  test('a JSON snapshot is taken at call time and read back', async () => {
    const dir = tempDir();
    const j = await Journal.open(dir);
    await j.replay(() => {});
    const state = { rooms: { '!a:x': 3 } };
    const p = j.snapshot(jsonSnapshot(state));
    state.rooms['!a:x'] = 4; // a change after the call is not in the snapshot
    await p;
    await j.close();
    const k = await Journal.open(dir);
    let loaded: unknown;
    await k.replay({ onSnapshot: async (s) => void (loaded = await readJsonSnapshot(s)), onRecord: () => {} });
    assert.deepEqual(loaded, { rooms: { '!a:x': 3 } });
    await k.close();
  });

  test('values without a JSON form and invalid UTF-8 are errors', () => {
    assert.throws(() => encodeJson(undefined), TypeError);
    assert.throws(() => decodeJson(Uint8Array.of(0x22, 0xff, 0x22)), TypeError);
  });
});
