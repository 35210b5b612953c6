// Conformance suite every `signer` implementation runs (hono-style: one suite, many implementations).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { PluginFactory } from '../../core/slots/plugin.ts';
import type { Signer } from '../../core/slots/signer.ts';
import nodeCrypto from './node-crypto.ts';
import tweetnacl from './tweetnacl.ts';
import { RFC8032_VECTORS, fromHex, selfCheck, toHex } from './self-check.ts';

/** A test an implementation cannot pass, and why (the reason is printed as the skip message). */
export interface SignerSkip {
  readonly reason: string;
  readonly tests: readonly string[];
}

/**
 * Matrix spec v1.19, content/appendices.md §Cryptographic Test Vectors (JSON signing), as copied into
 * /work/shared/vectors/signing.json. `canonical` is the canonical JSON of `input`, written out by hand.
 */
const vectors = {
  seed_base64: 'YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1',
  public_key_base64: 'XGX0JRS2Af3be3knz2fBiRbApjm2Dh61gXDJA8kcJNI',
  json_signing: [
    {
      name: 'empty object',
      input: {},
      canonical: '{}',
      signature: 'K8280/U9SSy9IVtjBuVeLr+HpOB4BQFWbg+UZaADMtTdGYI7Geitb76LTrr5QV/7Xg4ahLwYGYZzuHGZKM5ZAQ',
    },
    {
      name: 'data object',
      input: { one: 1, two: 'Two' },
      canonical: '{"one":1,"two":"Two"}',
      signature: 'KqmLSbO39/Bzb0QIYE82zqLwsA+PDzYIpIRA2sRQ4sL53+sN6/fpNSoqE7BP7vBZhG6kYdD13EIMJpvhJI+6Bw',
    },
  ],
} as const;

/** Independent implementations the one under test must agree with (itself excluded by name). */
const REFERENCES: readonly PluginFactory<Signer>[] = [nodeCrypto, tweetnacl];

/** Unpadded standard base64 (spec appendices §Unpadded Base64). */
function unpaddedBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64').replace(/=+$/, '');
}

/** Deterministic pseudo-random bytes: SHA-512 in counter mode over a label (reproducible failures). */
function prngBytes(label: string, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let k = 0, at = 0; at < length; k++, at += 64) {
    const block = createHash('sha512').update(`${label}:${k}`).digest();
    out.set(block.subarray(0, Math.min(64, length - at)), at);
  }
  return out;
}

function flipBit(bytes: Uint8Array, index: number, bit = 0): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[index]! ^= 1 << bit;
  return copy;
}

export function runSignerConformance(factory: PluginFactory<Signer>, skips: readonly SignerSkip[] = []): void {
  const signer = factory();
  const skipped = (name: string): string | false => skips.find((s) => s.tests.includes(name))?.reason ?? false;
  const it = (name: string, fn: () => void): void => {
    test(name, { skip: skipped(name) }, fn);
  };

  describe(`signer conformance: ${signer.name}`, () => {
    const seed = Uint8Array.from(Buffer.from(vectors.seed_base64, 'base64'));
    const v2 = RFC8032_VECTORS[1]!;

    it('spec test vector: seed gives the spec public key', () => {
      assert.equal(seed.length, 32);
      assert.equal(unpaddedBase64(signer.publicKey(seed)), vectors.public_key_base64);
    });

    it('spec test vectors: JSON signing of canonical bytes', () => {
      for (const v of vectors.json_signing) {
        assert.equal(v.canonical, JSON.stringify(v.input)); // these inputs are canonical as JSON.stringify writes them
        const message = new TextEncoder().encode(v.canonical);
        const signature = signer.sign(seed, message);
        assert.equal(unpaddedBase64(signature), v.signature, v.name);
        assert.equal(signer.verify(signer.publicKey(seed), message, signature), true, v.name);
      }
    });

    it('RFC 8032 §7.1 tests 1-3: public key, signature, verify', () => {
      for (const v of RFC8032_VECTORS) {
        const s = fromHex(v.seed);
        const pk = fromHex(v.publicKey);
        const message = fromHex(v.message);
        assert.equal(toHex(signer.publicKey(s)), v.publicKey, v.name);
        assert.equal(toHex(signer.sign(s, message)), v.signature, v.name);
        assert.equal(signer.verify(pk, message, fromHex(v.signature)), true, v.name);
      }
    });

    it('results are plain Uint8Arrays of the right length', () => {
      const s = fromHex(v2.seed);
      const pk = signer.publicKey(s);
      const sig = signer.sign(s, fromHex(v2.message));
      assert.equal(Object.getPrototypeOf(pk), Uint8Array.prototype);
      assert.equal(Object.getPrototypeOf(sig), Uint8Array.prototype);
      assert.equal(pk.length, 32);
      assert.equal(sig.length, 64);
    });

    it('verify refuses a flipped bit in the signature (R half, S half, last byte)', () => {
      const pk = fromHex(v2.publicKey);
      const message = fromHex(v2.message);
      const sig = fromHex(v2.signature);
      for (const [i, bit] of [[0, 0], [17, 5], [32, 0], [45, 3], [63, 6]] as const) {
        assert.equal(signer.verify(pk, message, flipBit(sig, i, bit)), false, `byte ${i} bit ${bit}`);
      }
    });

    it('verify refuses a flipped bit in the message, a longer and a shorter message', () => {
      const v3 = RFC8032_VECTORS[2]!;
      const pk = fromHex(v3.publicKey);
      const sig = fromHex(v3.signature);
      const message = fromHex(v3.message);
      assert.equal(signer.verify(pk, flipBit(message, 1, 7), sig), false);
      assert.equal(signer.verify(pk, Uint8Array.of(...message, 0), sig), false);
      assert.equal(signer.verify(pk, message.subarray(0, 1), sig), false);
      assert.equal(signer.verify(pk, new Uint8Array(0), sig), false);
    });

    it('verify refuses a flipped bit in the key and another valid key', () => {
      const message = fromHex(v2.message);
      const sig = fromHex(v2.signature);
      const pk = fromHex(v2.publicKey);
      for (const i of [0, 13, 31]) assert.equal(signer.verify(flipBit(pk, i, 1), message, sig), false, `byte ${i}`);
      assert.equal(signer.verify(fromHex(RFC8032_VECTORS[0]!.publicKey), message, sig), false);
    });

    it('verify returns false (never throws) on wrong lengths and degenerate input', () => {
      const pk = fromHex(v2.publicKey);
      const message = fromHex(v2.message);
      const sig = fromHex(v2.signature);
      for (const n of [0, 31, 33, 64]) assert.equal(signer.verify(new Uint8Array(n).fill(1), message, sig), false, `key ${n} B`);
      for (const n of [0, 32, 63, 65, 128]) assert.equal(signer.verify(pk, message, new Uint8Array(n)), false, `sig ${n} B`);
      assert.equal(signer.verify(pk, message, Uint8Array.of(...sig, 0)), false, 'sig with a trailing byte');
      assert.equal(signer.verify(pk, message, new Uint8Array(64)), false, 'all-zero signature');
      assert.equal(signer.verify(new Uint8Array(32), message, new Uint8Array(64)), false, 'all-zero key and signature');
      assert.equal(signer.verify(new Uint8Array(32).fill(0xff), message, sig), false, 'key that is not a point');
    });

    it('verify refuses a malleated signature (S + L, RFC 8032 §5.1.7 requires S < L)', () => {
      const L = fromHex('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010');
      const sig = fromHex(v2.signature);
      let carry = 0;
      for (let i = 0; i < 32; i++) {
        const sum = sig[32 + i]! + L[i]! + carry;
        sig[32 + i] = sum & 0xff;
        carry = sum >> 8;
      }
      assert.equal(carry, 0);
      assert.equal(signer.verify(fromHex(v2.publicKey), fromHex(v2.message), sig), false);
    });

    it('empty message signs and verifies', () => {
      const s = prngBytes('empty seed', 32);
      const empty = new Uint8Array(0);
      const sig = signer.sign(s, empty);
      assert.equal(signer.verify(signer.publicKey(s), empty, sig), true);
      assert.equal(signer.verify(signer.publicKey(s), Uint8Array.of(0), sig), false);
    });

    it('sign and publicKey throw on a seed of the wrong length', () => {
      for (const n of [0, 31, 33, 64]) {
        assert.throws(() => signer.sign(new Uint8Array(n), Uint8Array.of(1)), `seed ${n} B`);
        assert.throws(() => signer.publicKey(new Uint8Array(n)), `seed ${n} B`);
      }
    });

    it('key caching: equal bytes in other arrays, interleaved keys, views into larger buffers', () => {
      const v1 = RFC8032_VECTORS[0]!;
      const a = fromHex(v1.seed);
      const b = fromHex(v2.seed);
      const message = fromHex(v2.message);
      assert.equal(toHex(signer.sign(b, message)), v2.signature);
      assert.equal(toHex(signer.sign(a, new Uint8Array(0))), v1.signature);
      assert.equal(toHex(signer.sign(fromHex(v2.seed), message)), v2.signature);
      assert.equal(toHex(signer.sign(b, message)), v2.signature);
      // A seed, key, message and signature that are windows into bigger buffers (as Buffer pool slices are).
      const big = new Uint8Array(300);
      big.set(fromHex(v2.seed), 7);
      big.set(fromHex(v2.publicKey), 50);
      big.set(message, 90);
      big.set(fromHex(v2.signature), 100);
      const seedView = big.subarray(7, 39);
      assert.equal(toHex(signer.publicKey(seedView)), v2.publicKey);
      assert.equal(toHex(signer.sign(seedView, big.subarray(90, 91))), v2.signature);
      assert.equal(signer.verify(big.subarray(50, 82), big.subarray(90, 91), big.subarray(100, 164)), true);
      // The same key array first seen with a bad signature, then a good one (a cache must not remember "bad").
      const pk = fromHex(v2.publicKey);
      assert.equal(signer.verify(pk, message, new Uint8Array(64)), false);
      assert.equal(signer.verify(pk, message, fromHex(v2.signature)), true);
    });

    it('agrees with every reference implementation on 200 pseudo-random messages', () => {
      const others = REFERENCES.map((f) => f()).filter((r) => r.name !== signer.name);
      assert.ok(others.length > 0);
      const seeds = Array.from({ length: 8 }, (_, i) => prngBytes(`seed ${i}`, 32));
      for (let i = 0; i < 200; i++) {
        const s = seeds[i % seeds.length]!;
        const lengthByte = prngBytes(`length ${i}`, 2);
        const message = prngBytes(`message ${i}`, (lengthByte[0]! << 3) | (lengthByte[1]! & 7)); // 0..2047 B
        const pk = signer.publicKey(s);
        const sig = signer.sign(s, message);
        assert.equal(signer.verify(pk, message, sig), true, `own signature, message ${i}`);
        for (const ref of others) {
          const where = `message ${i} (${message.length} B) vs ${ref.name}`;
          assert.equal(toHex(pk), toHex(ref.publicKey(s)), where);
          assert.equal(toHex(sig), toHex(ref.sign(s, message)), where);
          assert.equal(ref.verify(pk, message, sig), true, where);
          const bad = flipBit(sig, i % 64, i % 8);
          assert.equal(signer.verify(pk, message, bad), false, where);
          assert.equal(ref.verify(pk, message, bad), false, where);
        }
      }
    });

    it('passes the self-check the plugin host runs before a swap', () => {
      assert.doesNotThrow(() => selfCheck(signer));
    });
  });

  describe(`signer conformance: ${signer.name} verifyLater`, () => {
    const skip = signer.verifyLater === undefined ? 'no verifyLater (optional)' : false;

    test('verifyLater agrees with verify on good, tampered and malformed input, all in flight at once', { skip }, async () => {
      const cases = laterCases(signer);
      const answers = await Promise.all(cases.map((c) => signer.verifyLater!(c.pk, c.message, c.sig)));
      cases.forEach((c, i) => assert.equal(answers[i], c.expected, c.name));
    });

    test('verifyLater: 600 checks over several keys and sizes (more than one batch), each answered as its own', { skip }, async () => {
      const seeds = Array.from({ length: 3 }, (_, i) => prngBytes(`later seed ${i}`, 32));
      const jobs = Array.from({ length: 600 }, (_, i) => {
        const s = seeds[i % 3]!;
        const message = prngBytes(`later ${i}`, i % 7 === 0 ? 4096 : i % 300);
        const sig = signer.sign(s, message);
        const ok = i % 5 !== 0;
        return { pk: signer.publicKey(s), message, sig: ok ? sig : flipBit(sig, i % 64), ok };
      });
      const answers = await Promise.all(jobs.map((j) => signer.verifyLater!(j.pk, j.message, j.sig)));
      jobs.forEach((j, i) => assert.equal(answers[i], j.ok, `job ${i}`));
    });

    test('dispose answers every check already asked for, then later calls still answer', { skip }, async () => {
      const own = factory();
      const v = RFC8032_VECTORS[1]!;
      const pending = Array.from({ length: 50 }, (_, i) =>
        own.verifyLater!(fromHex(v.publicKey), fromHex(v.message), i % 2 ? fromHex(v.signature) : flipBit(fromHex(v.signature), 3)));
      await own.dispose?.();
      assert.deepEqual(await Promise.all(pending), pending.map((_, i) => i % 2 === 1));
      assert.equal(await own.verifyLater!(fromHex(v.publicKey), fromHex(v.message), fromHex(v.signature)), true);
    });
  });
}

interface LaterCase {
  readonly name: string;
  readonly pk: Uint8Array;
  readonly message: Uint8Array;
  readonly sig: Uint8Array;
  readonly expected: boolean;
}

/** The verify cases above as data, with their expected answers, for verifyLater. */
function laterCases(signer: Signer): LaterCase[] {
  const cases: LaterCase[] = [];
  for (const v of RFC8032_VECTORS) {
    const pk = fromHex(v.publicKey);
    const message = fromHex(v.message);
    const sig = fromHex(v.signature);
    cases.push({ name: `${v.name}: valid`, pk, message, sig, expected: true });
    cases.push({ name: `${v.name}: flipped signature`, pk, message, sig: flipBit(sig, 40, 2), expected: false });
    cases.push({ name: `${v.name}: flipped key`, pk: flipBit(pk, 5), message, sig, expected: false });
    cases.push({ name: `${v.name}: longer message`, pk, message: Uint8Array.of(...message, 1), sig, expected: false });
  }
  const v2 = RFC8032_VECTORS[1]!;
  const pk = fromHex(v2.publicKey);
  const message = fromHex(v2.message);
  const sig = fromHex(v2.signature);
  cases.push({ name: 'short key', pk: pk.subarray(0, 31), message, sig, expected: false });
  cases.push({ name: 'long signature', pk, message, sig: Uint8Array.of(...sig, 0), expected: false });
  cases.push({ name: 'key that is not a point', pk: new Uint8Array(32).fill(0xff), message, sig, expected: false });
  cases.push({ name: 'all-zero signature', pk, message, sig: new Uint8Array(64), expected: false });
  const s = prngBytes('later own', 32);
  const own = new TextEncoder().encode('{"one":1,"two":"Two"}');
  cases.push({ name: 'own signature', pk: signer.publicKey(s), message: own, sig: signer.sign(s, own), expected: true });
  return cases;
}
