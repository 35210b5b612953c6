// Unpadded base64: spec examples, round trips, padded input, and refusal of garbage.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Base64Error, decodeBase64, decodeBase64Any, decodeBase64Url, encodeBase64, encodeBase64Url, tryDecodeBase64 } from './base64.ts';

const text = (s: string) => new TextEncoder().encode(s);
const str = (b: Uint8Array) => new TextDecoder().decode(b);

describe('encode', () => {
  test('spec appendices §Unpadded Base64 examples', () => {
    const examples: [string, string][] = [
      ['', ''], ['f', 'Zg'], ['fo', 'Zm8'], ['foo', 'Zm9v'], ['foob', 'Zm9vYg'], ['fooba', 'Zm9vYmE'], ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of examples) {
      assert.equal(encodeBase64(text(plain)), encoded);
      assert.equal(encodeBase64Url(text(plain)), encoded);
      assert.equal(str(decodeBase64(encoded)), plain);
    }
  });

  test('standard vs URL-safe alphabets', () => {
    const bytes = Uint8Array.from([0xfb, 0xff, 0xbf, 0xfe]);
    assert.equal(encodeBase64(bytes), '+/+//g');
    assert.equal(encodeBase64Url(bytes), '-_-__g');
  });

  test('works on a view into a larger buffer', () => {
    const big = Uint8Array.from([0, 1, 2, 102, 111, 111, 9]);
    assert.equal(encodeBase64(big.subarray(3, 6)), 'Zm9v');
    assert.equal(encodeBase64Url(big.subarray(3, 5)), 'Zm8');
  });
});

describe('decode', () => {
  test('round trips every length 0–70 and all byte values, both alphabets', () => {
    for (let n = 0; n <= 70; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n * 11) & 0xff);
      assert.deepEqual(decodeBase64(encodeBase64(bytes)), bytes);
      assert.deepEqual(decodeBase64Url(encodeBase64Url(bytes)), bytes);
      assert.deepEqual(decodeBase64Any(encodeBase64Url(bytes)), bytes);
      assert.deepEqual(decodeBase64Any(encodeBase64(bytes)), bytes);
    }
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    assert.deepEqual(decodeBase64(encodeBase64(all)), all);
  });

  test('returns a plain Uint8Array', () => {
    const out = decodeBase64('Zm9v');
    assert.equal(Object.getPrototypeOf(out), Uint8Array.prototype);
  });

  test('accepts padded input', () => {
    assert.equal(str(decodeBase64('Zg==')), 'f');
    assert.equal(str(decodeBase64('Zm8=')), 'fo');
    assert.equal(str(decodeBase64Url('Zm8=')), 'fo');
    assert.equal(str(decodeBase64Any('Zm9vYg==')), 'foob');
  });

  test('rejects garbage that Buffer would skip', () => {
    const bad = [
      'Zm9v!', 'Zm 9v', 'Zm9v\n', 'Zm9=v', '=Zm9', 'Zm9v===', 'Z', 'Zm9vY', 'Zg=', 'Zg===', 'é', 'Zm9v\u0000',
      'Zm8==', // padding beyond a group of four
    ];
    for (const s of bad) {
      assert.throws(() => decodeBase64(s), Base64Error, JSON.stringify(s));
      assert.throws(() => decodeBase64Any(s), Base64Error, JSON.stringify(s));
      assert.equal(tryDecodeBase64(s), undefined);
    }
  });

  test('each decoder keeps to its alphabet; decodeBase64Any refuses a mix', () => {
    assert.throws(() => decodeBase64('-_-__g'), Base64Error);
    assert.throws(() => decodeBase64Url('+/+//g'), Base64Error);
    assert.deepEqual(decodeBase64Any('-_-__g'), Uint8Array.from([0xfb, 0xff, 0xbf, 0xfe]));
    assert.throws(() => decodeBase64Any('+_-//g'), /mixes/);
  });

  test('an ed25519 signature and a SHA-256 (43 characters) decode to 64 and 32 bytes', () => {
    const sig = 'K8280/U9SSy9IVtjBuVeLr+HpOB4BQFWbg+UZaADMtTdGYI7Geitb76LTrr5QV/7Xg4ahLwYGYZzuHGZKM5ZAQ';
    assert.equal(decodeBase64(sig).byteLength, 64);
    assert.equal(encodeBase64(decodeBase64(sig)), sig);
    assert.equal(decodeBase64Url('RrGxF28UrHLmoASHndYb9Jb_1SFww2ptmtur9INS438').byteLength, 32);
  });
});
