// Tests for server ACL evaluation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALLOW_ALL, serverAcl } from './server-acl.ts';

test('deny wins over allow; no allow list means nobody', () => {
  const acl = serverAcl({ allow: ['*'], deny: ['evil.example', '*.evil.example'] });
  assert.ok(acl.allows('good.example'));
  assert.ok(acl.allows('good.example:8448'), 'ports are ignored');
  assert.ok(!acl.allows('evil.example'));
  assert.ok(!acl.allows('sub.evil.example:443'));
  assert.ok(!serverAcl({ deny: [] }).allows('anyone.example'));
  assert.ok(ALLOW_ALL.allows('anyone.example'));
});

test('globs: * and ?, case-insensitive, regex characters literal', () => {
  const acl = serverAcl({ allow: ['matrix.?rg', '*.Example.COM', 'a+b.org'] });
  assert.ok(acl.allows('matrix.org'));
  assert.ok(!acl.allows('matrix.oorg'));
  assert.ok(acl.allows('HS.EXAMPLE.com'));
  assert.ok(acl.allows('a+b.org'));
  assert.ok(!acl.allows('aab.org'));
});

test('IP literals are refused only when allow_ip_literals is false', () => {
  const open = serverAcl({ allow: ['*'] });
  assert.ok(open.allows('127.0.0.1:8448'));
  assert.ok(open.allows('[::1]:8448'));
  const closed = serverAcl({ allow: ['*'], allow_ip_literals: false });
  assert.ok(!closed.allows('127.0.0.1:8448'));
  assert.ok(!closed.allows('[::1]'));
  assert.ok(closed.allows('example.org'));
});
