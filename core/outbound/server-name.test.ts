// Tests for server-name parsing and host:port joining (appendices §Server Name).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { joinHostPort, parseServerName } from './server-name.ts';

test('valid server names', () => {
  assert.deepEqual(parseServerName('matrix.org'), { host: 'matrix.org', port: undefined, ipVersion: 0 });
  assert.deepEqual(parseServerName('matrix.org:8888'), { host: 'matrix.org', port: 8888, ipVersion: 0 });
  assert.deepEqual(parseServerName('localhost'), { host: 'localhost', port: undefined, ipVersion: 0 });
  assert.deepEqual(parseServerName('1.2.3.4'), { host: '1.2.3.4', port: undefined, ipVersion: 4 });
  assert.deepEqual(parseServerName('1.2.3.4:1234'), { host: '1.2.3.4', port: 1234, ipVersion: 4 });
  assert.deepEqual(parseServerName('[1234:5678::abcd]'), { host: '1234:5678::abcd', port: undefined, ipVersion: 6 });
  assert.deepEqual(parseServerName('[::1]:5678'), { host: '::1', port: 5678, ipVersion: 6 });
});

test('invalid server names', () => {
  for (const bad of [
    '',
    ':8448',
    'matrix.org:',
    'matrix.org:0',
    'matrix.org:65536',
    'matrix.org:123456',
    'matrix.org:84a8',
    'under_score.org',
    'bad host',
    '::1', // IPv6 must be bracketed
    '[::1',
    '[::1]x',
    '[not-ip]',
    '[fe80::1%eth0]',
    'a'.repeat(256),
  ]) {
    assert.equal(parseServerName(bad), null, bad);
  }
});

test('joinHostPort brackets IPv6', () => {
  assert.equal(joinHostPort('::1', 8448), '[::1]:8448');
  assert.equal(joinHostPort('1.2.3.4', 8448), '1.2.3.4:8448');
  assert.equal(joinHostPort('example.org', undefined), 'example.org');
  assert.equal(joinHostPort('2001:db8::1', undefined), '[2001:db8::1]');
});
