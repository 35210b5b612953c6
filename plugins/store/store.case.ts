// Conformance suite every `store` implementation runs (hono-style: one suite, many implementations).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PluginContext, PluginFactory } from '../../core/slots/plugin.ts';
import type { EventStore } from '../../core/slots/store.ts';
import mapInterner from '../interner/map.ts';
import { selfCheck } from './self-check.ts';
import { eventTests } from './store-events.case.ts';
import { stateTests } from './store-states.case.ts';
import { migrationTests } from './store-migration.case.ts';
import { modelTests } from './store-model.case.ts';

/** Tests an implementation cannot pass, and why (the reason is printed as the skip message). */
export interface StoreSkip {
  readonly reason: string;
  readonly tests: readonly string[];
}

/** Registers one test (honouring skips); what the sub-suites receive. */
export type It = (name: string, fn: () => void) => void;
/** A fresh store, in the mode of the enclosing describe. */
export type Make = () => EventStore;

export function runStoreConformance(factory: PluginFactory<EventStore>, skips: readonly StoreSkip[] = []): void {
  const name = factory().name;
  const skipped = (t: string): string | false => skips.find((s) => s.tests.includes(t))?.reason ?? false;
  const it: It = (t, fn) => {
    test(t, { skip: skipped(t) }, fn);
  };
  /** As the host runs it: a live interner already holding other strings, shared with the rest of the server. */
  const shared = mapInterner();
  for (const s of ['m.room.member', '@bob:example.org', '', 'x', '$unrelated']) shared.intern(s);
  const ctx: PluginContext = { interner: () => shared };

  describe(`store conformance: ${name}`, () => {
    describe('standalone (no plugin context)', () => {
      const make: Make = () => factory();
      eventTests(it, make);
      stateTests(it, make);
    });
    describe('with a shared interner from the plugin context', () => {
      const make: Make = () => factory(ctx);
      eventTests(it, make);
      stateTests(it, make, { quick: true });
    });
    migrationTests(it, factory);
    modelTests(it, factory);

    it('instances do not share state', () => {
      const a = factory(ctx);
      const b = factory(ctx);
      a.newState(0, [['m.room.create', '', '$c']]);
      assert.equal(b.stateCount, 0);
      assert.equal(b.size, 0);
    });

    it('passes the self-check the plugin host runs before a swap, standalone and with a context', () => {
      assert.doesNotThrow(() => selfCheck(factory()));
      assert.doesNotThrow(() => selfCheck(factory(ctx)));
    });
  });
}
