// The signer self-check passes good implementations and names the failure of broken ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PluginError, PluginErrorCode } from '../../core/slots/plugin.ts';
import type { Signer } from '../../core/slots/signer.ts';
import nodeCrypto from './node-crypto.ts';
import tweetnacl from './tweetnacl.ts';
import { selfCheck } from './self-check.ts';

function isSelfCheckFailure(name: string) {
  return (err: unknown): boolean =>
    err instanceof PluginError && err.code === PluginErrorCode.SELF_CHECK_FAILED && err.plugin === name;
}

test('self-check passes both implementations', () => {
  selfCheck(nodeCrypto());
  selfCheck(tweetnacl());
});

test('self-check rejects a signer whose signatures are wrong', () => {
  const good = tweetnacl();
  const broken: Signer = { ...good, name: 'broken', sign: (seed, m) => good.sign(seed, Uint8Array.of(...m, 0)) };
  assert.throws(() => selfCheck(broken), isSelfCheckFailure('broken'));
});

test('self-check rejects a signer that accepts everything', () => {
  const good = nodeCrypto();
  const lax: Signer = { ...good, name: 'lax', verify: () => true };
  assert.throws(() => selfCheck(lax), isSelfCheckFailure('lax'));
});

test('self-check wraps a throwing signer', () => {
  const good = nodeCrypto();
  const throwing: Signer = { ...good, name: 'throwing', publicKey: () => { throw new Error('boom'); } };
  assert.throws(() => selfCheck(throwing), isSelfCheckFailure('throwing'));
});
