// Known-answer check a json codec must pass before the plugin host swaps it in (a few fast vectors).
import { hash } from 'node:crypto';
import { Errcode, MatrixError } from '../../core/matrix/errors.ts';
import { PluginError, PluginErrorCode } from '../../core/slots/plugin.ts';
import type { JsonCodec } from '../../core/slots/json.ts';

/** Values and their canonical text, each aimed at a rule an implementation can get wrong. */
const VECTORS: readonly { readonly what: string; readonly value: unknown; readonly text: string }[] = [
  { what: 'key order (spec example)', value: { b: '2', a: '1' }, text: '{"a":"1","b":"2"}' },
  {
    what: 'nesting, -0, 1e10, literals',
    value: { z: [1, -0, 1e10, -9007199254740991], y: { x: null, w: true, v: false }, '': [] },
    text: '{"":[],"y":{"v":false,"w":true,"x":null},"z":[1,0,10000000000,-9007199254740991]}',
  },
  {
    what: 'escapes',
    value: ['\b\t\n\u000b\f\r\u0000\u001f"\\/\u007f\u2028'],
    text: '["\\b\\t\\n\\u000b\\f\\r\\u0000\\u001f\\"\\\\/\u007f\u2028"]',
  },
  {
    what: 'code-point key order (astral after U+FFxx; integer-like keys as strings)',
    value: { '\u{1F600}': 1, '\uFB01': 2, b: 3, '10': 4, '2': 5 },
    text: '{"10":4,"2":5,"b":3,"\uFB01":2,"\u{1F600}":1}',
  },
  {
    what: 'long non-ASCII string',
    value: { a: '日本語 '.repeat(20) + '\u{20820}' },
    text: '{"a":"' + '日本語 '.repeat(20) + '\u{20820}"}',
  },
];

/** Values every codec must refuse with M_BAD_JSON. */
const REJECT: readonly { readonly what: string; readonly value: unknown }[] = [
  { what: '1.5', value: { a: 1.5 } },
  { what: '2^53', value: [2 ** 53] },
  { what: 'lone surrogate', value: { a: '\ud800' } },
];

const utf8 = new TextEncoder();

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** Throws a PluginError (FL_SELF_CHECK_FAILED) naming the first mismatch. Takes well under a millisecond. */
export function selfCheck(codec: JsonCodec): void {
  const fail = (what: string, cause?: unknown): never => {
    throw new PluginError(PluginErrorCode.SELF_CHECK_FAILED, codec.name, what, { cause });
  };
  for (const v of VECTORS) {
    let text: string;
    let bytes: Uint8Array;
    let digest: Uint8Array;
    try {
      text = codec.stringify(v.value);
      bytes = codec.encode(v.value);
      digest = codec.sha256(v.value);
    } catch (err) {
      return fail(`${v.what}: threw ${String(err)}`, err);
    }
    if (text !== v.text) fail(`${v.what}: stringify gave ${JSON.stringify(text)}`);
    const want = utf8.encode(v.text);
    if (hex(bytes) !== hex(want)) fail(`${v.what}: encode gave other bytes`);
    if (hex(digest) !== hash('sha256', want, 'hex')) fail(`${v.what}: sha256 is not the hash of the canonical bytes`);
  }
  for (const r of REJECT) {
    for (const method of ['encode', 'stringify', 'sha256'] as const) {
      try {
        codec[method](r.value);
      } catch (err) {
        if (err instanceof MatrixError && err.errcode === Errcode.BAD_JSON) continue;
        fail(`${method} of ${r.what}: threw ${String(err)} instead of M_BAD_JSON`, err);
      }
      fail(`${method} of ${r.what}: accepted a value canonical JSON cannot hold`);
    }
  }
}
