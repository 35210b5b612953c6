// Json `sort-stringify`: the plain reference implementation: sort keys by code point, let JSON.stringify
// escape the strings, join the pieces.
import { hash } from 'node:crypto';
import { badJson } from '../../core/matrix/errors.ts';
import { MAX_JSON_DEPTH, isWellFormedString } from '../../core/matrix/strict-json.ts';
import type { JsonCodec } from '../../core/slots/json.ts';
import { sortedKeys } from '../../core/matrix/code-point-order.ts';

/*
 * Why not "rebuild the object with sorted keys, then JSON.stringify it": JS objects enumerate
 * integer-like keys ("2", "10") first, in numeric order, whatever the insertion order, so a rebuilt
 * {"10":…,"2":…,"b":…} would come out as {"2":…,"10":…,"b":…}. So we join the pieces ourselves and use
 * JSON.stringify only on strings, where it already writes exactly the spec's escapes: `\"`, `\\`, the
 * short forms \b \t \n \f \r, lower-case \u00xx for other C0 controls, and everything else raw
 * (U+007F, U+2028/9 included). Its one other escape, \udxxx for a lone surrogate, we never reach:
 * lone surrogates are refused first (UTF-8 cannot carry them).
 */

function str(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      if (!isWellFormedString(value)) throw badJson('canonical JSON: a string holds a lone UTF-16 surrogate');
      return JSON.stringify(value);
    case 'number':
      if (!Number.isSafeInteger(value)) throw badJson(`canonical JSON: ${value} is not an integer in range`);
      return String(value); // String(-0) is "0"; safe integers never take exponent form
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (depth >= MAX_JSON_DEPTH) throw badJson(`canonical JSON: nested deeper than ${MAX_JSON_DEPTH}`);
      if (Array.isArray(value)) {
        const parts = new Array<string>(value.length);
        for (let i = 0; i < value.length; i++) parts[i] = str(value[i], depth + 1);
        return '[' + parts.join(',') + ']';
      }
      const obj = value as Record<string, unknown>;
      const keys = sortedKeys(obj);
      const parts = new Array<string>(keys.length);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i]!;
        if (!isWellFormedString(key)) throw badJson('canonical JSON: a key holds a lone UTF-16 surrogate');
        parts[i] = JSON.stringify(key) + ':' + str(obj[key], depth + 1);
      }
      return '{' + parts.join(',') + '}';
    }
    default:
      throw badJson(`canonical JSON cannot hold a value of type ${typeof value}`);
  }
}

export default function sortStringify(): JsonCodec {
  const utf8 = new TextEncoder();
  return {
    name: 'sort-stringify',
    stringify: (value) => str(value, 0),
    // TextEncoder gives a fresh array (Buffer.from would hand out a view into its shared 8 KiB pool).
    encode: (value) => utf8.encode(str(value, 0)),
    sha256(value) {
      const digest = hash('sha256', str(value, 0), 'buffer');
      return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
    },
  };
}
