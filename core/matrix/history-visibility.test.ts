// Tests for history visibility as applied to servers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { historyVisibilityOf, visibleToServer } from './history-visibility.ts';

test('defaults to shared; unknown values are shared', () => {
  assert.equal(historyVisibilityOf(undefined), 'shared');
  assert.equal(historyVisibilityOf({ history_visibility: 'bogus' }), 'shared');
  assert.equal(historyVisibilityOf({ history_visibility: 'joined' }), 'joined');
});

test('shared and world_readable are visible to any server; joined needs a joined user of that server', () => {
  const members: Array<[string, string]> = [['@a:one.org', 'join'], ['@b:two.org', 'invite'], ['@c:three.org', 'leave']];
  assert.ok(visibleToServer('shared', 'nobody.org', members));
  assert.ok(visibleToServer('world_readable', 'nobody.org', members));
  assert.ok(visibleToServer('joined', 'one.org', members));
  assert.ok(!visibleToServer('joined', 'two.org', members));
  assert.ok(visibleToServer('invited', 'two.org', members));
  assert.ok(!visibleToServer('invited', 'three.org', members));
  assert.ok(!visibleToServer('joined', 'ne.org', members), 'the server name must match exactly, not as a suffix of another');
});
