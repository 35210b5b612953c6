// Tests for EDU acceptance: each type, impersonation refused, ACLs applied, typing expiry, stale device lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EduStore, TYPING_TIMEOUT_MS } from './edu-store.ts';

const src = (origin: string, now = 1_000, denied: string[] = []) => ({ origin, now, allowedInRoom: (room: string) => !denied.includes(room) });

test('typing: accepted for the origin\'s own users, expires, ACL applies', () => {
  const s = new EduStore();
  assert.ok(s.accept({ edu_type: 'm.typing', content: { room_id: '!r:x', user_id: '@a:them.org', typing: true } }, src('them.org')));
  assert.ok(!s.accept({ edu_type: 'm.typing', content: { room_id: '!r:x', user_id: '@b:else.org', typing: true } }, src('them.org')), 'cannot speak for another server');
  assert.ok(!s.accept({ edu_type: 'm.typing', content: { room_id: '!acl:x', user_id: '@a:them.org', typing: true } }, src('them.org', 1_000, ['!acl:x'])));
  assert.deepEqual(s.typingIn('!r:x', 1_000), ['@a:them.org']);
  assert.deepEqual(s.typingIn('!r:x', 1_000 + TYPING_TIMEOUT_MS), []);
});

test('receipts, presence and device lists', () => {
  const s = new EduStore();
  assert.ok(s.accept({ edu_type: 'm.receipt', content: { '!r:x': { 'm.read': { '@a:them.org': { event_ids: ['$e'], data: { ts: 5 } }, '@z:else.org': { event_ids: ['$f'] } } } } }, src('them.org')));
  assert.deepEqual([...s.receipts.get('!r:x')!.get('m.read')!.keys()], ['@a:them.org']);
  assert.ok(s.accept({ edu_type: 'm.presence', content: { push: [{ user_id: '@a:them.org', presence: 'online', last_active_ago: 5 }] } }, src('them.org')));
  assert.equal(s.presence.get('@a:them.org')!.presence, 'online');
  const dl = (stream: number) => ({ edu_type: 'm.device_list_update', content: { user_id: '@a:them.org', device_id: 'D', stream_id: stream } });
  assert.ok(s.accept(dl(5), src('them.org')));
  assert.ok(s.accept(dl(3), src('them.org')), 'a stale update is accepted but ignored');
  assert.equal(s.deviceLists.get('@a:them.org')!.stream_id, 5);
});

test('malformed and unknown EDUs are dropped and counted', () => {
  const s = new EduStore();
  for (const bad of [null, 3, { edu_type: 'm.typing' }, { edu_type: 'm.typing', content: { room_id: 1 } }, { edu_type: 'x.custom', content: {} }]) assert.ok(!s.accept(bad, src('them.org')));
  assert.deepEqual(s.counts, { accepted: 0, dropped: 5 });
});
