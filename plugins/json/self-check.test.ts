// The json self-check passes every real implementation and catches broken ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PluginError, PluginErrorCode } from '../../core/slots/plugin.ts';
import type { JsonCodec } from '../../core/slots/json.ts';
import singlePass from './single-pass.ts';
import sortStringify from './sort-stringify.ts';
import streamingHash from './streaming-hash.ts';
import { selfCheck } from './self-check.ts';

test('self-check passes every implementation', () => {
  for (const factory of [sortStringify, singlePass, streamingHash]) selfCheck(factory());
});

/** Broken codecs built from a good one: each breaks one rule the self-check claims to check. */
function broken(name: string, change: Partial<JsonCodec>): JsonCodec {
  return { ...sortStringify(), name, ...change };
}

test('self-check refuses codecs that break a rule', () => {
  const plain = (v: unknown) => JSON.stringify(v) ?? '';
  const cases: JsonCodec[] = [
    broken('default-sort', { stringify: (v) => plain(v) }),
    broken('bad-bytes', { encode: () => new Uint8Array([1, 2, 3]) }),
    broken('bad-hash', { sha256: () => new Uint8Array(32) }),
    broken('accepts-floats', { encode: (v) => new TextEncoder().encode(plain(v)) }),
    broken('throws', { stringify: () => { throw new Error('boom'); } }),
  ];
  for (const codec of cases) {
    assert.throws(() => selfCheck(codec), (err: unknown) => {
      assert.ok(err instanceof PluginError, codec.name);
      assert.equal(err.code, PluginErrorCode.SELF_CHECK_FAILED);
      assert.equal(err.plugin, codec.name);
      return true;
    }, codec.name);
  }
});
