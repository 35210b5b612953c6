// The store self-check passes good implementations and names the failure of broken ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PluginError, PluginErrorCode } from '../../core/slots/plugin.ts';
import type { EventStore, StoredEvent } from '../../core/slots/store.ts';
import mapInterner from '../interner/map.ts';
import objects from './objects.ts';
import arena from './arena.ts';
import { selfCheck } from './self-check.ts';
import { newEvent } from './_case-support.ts';

function isSelfCheckFailure(name: string, message?: RegExp) {
  return (err: unknown): boolean =>
    err instanceof PluginError && err.code === PluginErrorCode.SELF_CHECK_FAILED && err.plugin === name &&
    (message === undefined || message.test(err.message));
}

/** A working store with some members replaced (methods stay bound to the real instance). */
function patched(name: string, base: EventStore, patch: Partial<Record<keyof EventStore, unknown>>): EventStore {
  return new Proxy(base, {
    get(target, key) {
      if (key === 'name') return name;
      if (key in patch) return patch[key as keyof EventStore];
      const v: unknown = Reflect.get(target, key, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

test('self-check passes both implementations, standalone and on a shared interner', () => {
  const shared = mapInterner();
  for (const factory of [objects, arena]) {
    selfCheck(factory());
    selfCheck(factory({ interner: () => shared }));
  }
});

test('self-check refuses an instance that is not empty', () => {
  const used = arena();
  used.put(newEvent('$x'));
  assert.throws(() => selfCheck(used), isSelfCheckFailure('arena', /empty instance/));
});

test('self-check catches a get that drops the reason', () => {
  const base = objects();
  const bad = patched('no-reason', base, { get: (id: string) => ({ ...base.get(id), reason: null }) as StoredEvent });
  assert.throws(() => selfCheck(bad), isSelfCheckFailure('no-reason', /get did not give back/));
});

test('self-check catches a duplicate put that is accepted silently', () => {
  const base = arena();
  const bad = patched('lenient-put', base, { put: (e: Parameters<EventStore['put']>[0]) => (base.has(e.eventId) ? undefined : base.put(e)) });
  assert.throws(() => selfCheck(bad), isSelfCheckFailure('lenient-put', /duplicate put/));
});

test('self-check catches state lookups that ignore removals', () => {
  const base = objects();
  const bad = patched('sticky', base, {
    stateGet: (s: number, t: string, k: string) => base.stateGet(s, t, k) ?? (t === 'm.room.member' && s >= 3 ? '$ghost' : undefined),
  });
  assert.throws(() => selfCheck(bad), isSelfCheckFailure('sticky', /removal/));
});

test('self-check catches a definition that is not what was passed', () => {
  const base = arena();
  const bad = patched('merged-definition', base, {
    stateDefinition: (s: number) => {
      const d = base.stateDefinition(s);
      return { parent: d.parent, changes: d.changes.filter((c, i, all) => all.findLastIndex((x) => x[0] === c[0] && x[1] === c[1]) === i) };
    },
  });
  assert.throws(() => selfCheck(bad), isSelfCheckFailure('merged-definition', /stateDefinition/));
});

test('self-check catches events() out of insertion order and a lost update', () => {
  const a = objects();
  const reversed = patched('reversed', a, { events: () => [...a.events()].reverse().values() });
  assert.throws(() => selfCheck(reversed), isSelfCheckFailure('reversed', /out of order/));
  const b = arena();
  const noUpdate = patched('no-update', b, { update: () => undefined });
  assert.throws(() => selfCheck(noUpdate), isSelfCheckFailure('no-update', /update/));
});

test('self-check wraps an unexpected exception as a self-check failure', () => {
  const bad = patched('throws', objects(), {
    stateEntries: () => {
      throw new TypeError('boom');
    },
  });
  assert.throws(() => selfCheck(bad), isSelfCheckFailure('throws', /threw TypeError: boom/));
});
