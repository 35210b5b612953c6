// Registering a room created elsewhere: version support, v12 room id derivation, idempotence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MatrixError } from '../matrix/errors.ts';
import { EMPTY_STATE } from '../slots/store.ts';
import { localServer } from './testing/harness.ts';

test('registerRoom', () => {
  const { engine } = localServer();
  const createId = '$' + 'C'.repeat(43);
  assert.throws(() => engine.registerRoom('!r:remote.test', '5', createId), (e: unknown) =>
    e instanceof MatrixError && e.errcode === 'M_INCOMPATIBLE_ROOM_VERSION' && e.toJSON()['room_version'] === '5');
  assert.throws(() => engine.registerRoom('!r:remote.test', '12', createId), (e: unknown) => e instanceof MatrixError && e.errcode === 'M_INVALID_PARAM');
  const r = engine.registerRoom('!' + createId.slice(1), '12', createId);
  assert.deepEqual(r, { roomId: '!' + createId.slice(1), version: '12', createEventId: createId, currentState: EMPTY_STATE, extremities: [], maxDepth: 0 });
  assert.equal(engine.registerRoom(r.roomId, '12', createId), engine.room(r.roomId));
  assert.throws(() => engine.registerRoom('!r:remote.test', '11', createId) && engine.registerRoom('!r:remote.test', '10', createId), MatrixError);
});
