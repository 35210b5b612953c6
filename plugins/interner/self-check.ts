// Quick check an interner must pass before the plugin host swaps it in (run on a fresh, empty instance).
import { PluginError, PluginErrorCode } from '../../core/slots/plugin.ts';
import type { Interner } from '../../core/slots/interner.ts';

const PROBES = ['m.room.create', '', '@alice:example.org', 'caf\u00e9', 'cafe\u0301', '\u{1F600}', '__proto__'];

/**
 * Interns a few awkward strings into `interner` (must be empty) and checks dense ids, idempotence,
 * find/lookup both ways, -1 for an unknown string and RangeError for an unknown id. Throws a PluginError
 * (FL_SELF_CHECK_FAILED) naming the first mismatch.
 */
export function selfCheck(interner: Interner): void {
  const fail = (what: string, cause?: unknown): never => {
    throw new PluginError(PluginErrorCode.SELF_CHECK_FAILED, interner.name, what, { cause });
  };
  try {
    if (interner.size !== 0) fail(`expected an empty instance, size is ${interner.size}`);
    PROBES.forEach((s, i) => {
      if (interner.intern(s) !== i) fail(`intern(${JSON.stringify(s)}) did not give id ${i}`);
    });
    PROBES.forEach((s, i) => {
      if (interner.intern(s) !== i) fail(`intern(${JSON.stringify(s)}) again did not give id ${i}`);
      if (interner.find(s) !== i) fail(`find(${JSON.stringify(s)}) !== ${i}`);
      if (interner.lookup(i) !== s) fail(`lookup(${i}) !== ${JSON.stringify(s)}`);
    });
    if (interner.size !== PROBES.length) fail(`size ${interner.size} after ${PROBES.length} strings`);
    if (interner.find('never interned') !== -1) fail('find of an unknown string is not -1');
    if (interner.size !== PROBES.length) fail('find inserted');
    const listed = [...interner.strings()];
    if (listed.length !== PROBES.length || listed.some((s, i) => s !== PROBES[i])) fail('strings() out of id order');
    let threw: unknown;
    try {
      interner.lookup(PROBES.length);
    } catch (err) {
      threw = err;
    }
    if (!(threw instanceof RangeError)) fail('lookup of an unknown id did not throw RangeError');
  } catch (err) {
    if (err instanceof PluginError) throw err;
    fail(`threw ${String(err)}`, err);
  }
}
