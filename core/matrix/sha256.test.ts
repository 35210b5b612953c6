// SHA-256 helpers against FIPS 180-2 known answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bytesEqual, createSha256, sha256, sha256Base64 } from './sha256.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

test('known answers for "" and "abc", bytes and strings alike', () => {
  assert.equal(hex(sha256(new Uint8Array(0))), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(hex(sha256('abc')), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(hex(sha256(new TextEncoder().encode('abc'))), hex(sha256('abc')));
  assert.equal(sha256Base64('abc'), 'ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0');
});

test('incremental hash equals one-shot', () => {
  const h = createSha256();
  h.update('ab');
  h.update(new TextEncoder().encode('c'));
  assert.equal(h.digest('hex'), hex(sha256('abc')));
});

test('bytesEqual', () => {
  assert.equal(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2)), true);
  assert.equal(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 3)), false);
  assert.equal(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1)), false);
});
