// Tests for local users, aliases and invites, including replay from journal records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LocalDirectory, type PendingInvite } from './directory.ts';

test('users are created once, validated against our name and the localpart grammar', () => {
  const records: Array<[string, unknown]> = [];
  const d = new LocalDirectory('us.org', { append: (k, v) => records.push([k, v]) });
  assert.equal(d.ensureUser('@alice:us.org'), '@alice:us.org');
  d.ensureUser('@alice:us.org');
  assert.equal(records.length, 1);
  for (const bad of ['@alice:them.org', '@Alice:us.org', 'alice', 42, '@:us.org']) {
    assert.throws(() => d.ensureUser(bad), (e: any) => e.errcode === 'M_INVALID_PARAM', String(bad));
  }
});

test('aliases: ours only, no rebinding to another room', () => {
  const d = new LocalDirectory('us.org');
  d.setAlias('#lobby:us.org', '!a:us.org');
  d.setAlias('#lobby:us.org', '!a:us.org');
  assert.equal(d.resolveAlias('#lobby:us.org'), '!a:us.org');
  assert.throws(() => d.setAlias('#lobby:us.org', '!b:us.org'), (e: any) => e.errcode === 'M_ROOM_IN_USE');
  assert.throws(() => d.setAlias('#x:them.org', '!b:us.org'), (e: any) => e.errcode === 'M_INVALID_PARAM');
  assert.deepEqual(d.aliasesOf('!a:us.org'), ['#lobby:us.org']);
});

test('journal records restore the same directory', () => {
  const records: Array<[string, unknown]> = [];
  const d = new LocalDirectory('us.org', { append: (k, v) => records.push([k, v]) });
  d.ensureUser('@bob:us.org');
  d.setAlias('#a:us.org', '!r:x');
  const inv: PendingInvite = { room_id: '!r:x', event_id: '$e', sender: '@c:x', room_version: '11', event: {}, invite_room_state: [], received_ts: 1 };
  d.addInvite('@bob:us.org', inv);
  d.addInvite('@bob:us.org', { ...inv, room_id: '!s:x' });
  d.clearInvite('@bob:us.org', '!r:x');
  const again = new LocalDirectory('us.org');
  for (const [k, v] of JSON.parse(JSON.stringify(records)) as Array<[string, unknown]>) again.restore(k, v);
  assert.ok(again.user('@bob:us.org'));
  assert.equal(again.resolveAlias('#a:us.org'), '!r:x');
  assert.deepEqual(again.invitesFor('@bob:us.org').map((i) => i.room_id), ['!s:x']);
});

test('snapshot records rebuild the same directory', () => {
  const d = new LocalDirectory('us.org');
  d.ensureUser('@bob:us.org');
  d.setAlias('#a:us.org', '!r:x');
  d.addInvite('@bob:us.org', { room_id: '!s:x', event_id: '$e', sender: '@c:x', room_version: '11', event: {}, invite_room_state: [], received_ts: 1 });
  const again = new LocalDirectory('us.org');
  for (const kind of LocalDirectory.KINDS) for (const v of d.snapshotRecords(kind)) again.restore(kind, v);
  assert.ok(again.user('@bob:us.org'));
  assert.equal(again.resolveAlias('#a:us.org'), '!r:x');
  assert.deepEqual(again.invitesFor('@bob:us.org').map((i) => i.room_id), ['!s:x']);
});
