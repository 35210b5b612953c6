// User-id and server-name grammar used by the auth rules and the format checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { domainOf, isValidUserId, utf8Length } from './user-id.ts';
import { isValidServerName } from '../ids.ts';

test('isValidUserId accepts compliant and historical user ids', () => {
  for (const id of ['@alice:example.org', '@a:1.2.3.4:8448', '@a:[1234:5678::abcd]', '@a:[::1]:80', '@:example.org', '@Ünïcode:x.y', '@a b:x']) {
    assert.ok(isValidUserId(id), id);
  }
});
test('isValidUserId rejects other shapes', () => {
  for (const id of ['alice:example.org', '@alice', '@::example.org', '@a:', '@a:exa_mple.org', '@a:x:port', '@a:x:123456', '@a:[zz]', '@a\u0000b:x', 7, null]) {
    assert.ok(!isValidUserId(id), String(id));
  }
  assert.ok(isValidUserId('@' + 'u'.repeat(247) + ':a.test')); // 255 bytes
  assert.ok(!isValidUserId('@' + 'u'.repeat(248) + ':a.test')); // 256 bytes
});
test('isValidServerName', () => {
  assert.ok(isValidServerName('matrix.org:8888'));
  assert.ok(!isValidServerName(''));
  assert.ok(!isValidServerName(':8448'));
  assert.ok(!isValidServerName('[::1'));
});
test('domainOf takes everything after the first colon', () => {
  assert.equal(domainOf('@a:b.c:8448'), 'b.c:8448');
  assert.equal(domainOf('!opaque'), '');
});
test('utf8Length matches Buffer.byteLength, lone surrogates included', () => {
  for (const s of ['', 'abc', 'é', '€', '😀', 'a😀b', '\ud800', 'x\udc00y']) assert.equal(utf8Length(s), Buffer.byteLength(s, 'utf8'), JSON.stringify(s));
});
