// Scenario selection by name and group.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ArgsError } from './args.ts';
import type { Scenario } from './scenario.ts';
import { contenderCount, selectScenarios } from './select.ts';

const s = (name: string, kind: 'micro' | 'load') => ({ name, kind }) as Scenario;
const ALL = [s('json', 'micro'), s('signer', 'micro'), s('key-get', 'load'), s('hot-reload', 'load')];

test('names and groups select in registry order, without duplicates', () => {
  const names = (xs: string[]) => selectScenarios(ALL, xs).map((x) => x.name);
  assert.deepEqual(names([]), ['json', 'signer', 'key-get', 'hot-reload']);
  assert.deepEqual(names(['hot-reload', 'json']), ['json', 'hot-reload']);
  assert.deepEqual(names(['load', 'key-get']), ['key-get', 'hot-reload']);
  assert.deepEqual(names(['micro']), ['json', 'signer']);
  assert.throws(() => names(['nope']), (e: unknown) => e instanceof ArgsError && /no scenario "nope".*json, signer/.test(e.message));
});

test('fluctlight counts once per experiment', () => {
  assert.equal(contenderCount(['fluctlight', 'uws-hello'], ['baseline', 'naive']), 3);
});
