// Tests for well-known parsing, Cache-Control lifetimes and the per-hostname cache (with a fake clock and fetcher).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  WELL_KNOWN_CACHE,
  WellKnownCache,
  parseWellKnown,
  wellKnownCacheMs,
  wellKnownErrorCacheMs,
  type WellKnownResponse,
} from './well-known.ts';

const HOUR = 3_600_000;
const json = (v: unknown, status = 200, cacheControl?: string): WellKnownResponse => ({
  status,
  cacheControl,
  body: Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)),
});

describe('parseWellKnown', () => {
  test('accepts a valid m.server', () => {
    assert.equal(parseWellKnown(json({ 'm.server': 'matrix.example.org:443' })), 'matrix.example.org:443');
    assert.equal(parseWellKnown(json({ 'm.server': '[::1]' })), '[::1]');
  });
  test('rejects non-200, bad JSON, missing or malformed m.server', () => {
    assert.equal(parseWellKnown(json({ 'm.server': 'a.org' }, 404)), null);
    assert.equal(parseWellKnown(json('{not json')), null);
    assert.equal(parseWellKnown(json([])), null);
    assert.equal(parseWellKnown(json({})), null);
    assert.equal(parseWellKnown(json({ 'm.server': 42 })), null);
    assert.equal(parseWellKnown(json({ 'm.server': 'bad host:99999' })), null);
  });
});

describe('cache lifetimes', () => {
  test('max-age respected within [min, 48 h]; default 24 h', () => {
    assert.equal(wellKnownCacheMs(undefined), 24 * HOUR);
    assert.equal(wellKnownCacheMs('public, max-age=7200'), 2 * HOUR);
    assert.equal(wellKnownCacheMs('max-age=999999'), 48 * HOUR);
    assert.equal(wellKnownCacheMs('max-age=1'), WELL_KNOWN_CACHE.minMs);
    assert.equal(wellKnownCacheMs('no-store'), WELL_KNOWN_CACHE.minMs);
    assert.equal(wellKnownCacheMs('Max-Age=3600'), HOUR);
    assert.equal(wellKnownCacheMs('max-age=nonsense'), 24 * HOUR);
  });
  test('errors back off exponentially up to 1 h', () => {
    const seq = [1, 2, 3, 4, 5, 10].map(wellKnownErrorCacheMs);
    assert.deepEqual(seq, [5, 10, 20, 40, 60, 60].map((m) => m * 60_000));
  });
});

describe('WellKnownCache', () => {
  function setup(answers: Array<WellKnownResponse | Error>) {
    let t = 1_000_000;
    const calls: string[] = [];
    const cache = new WellKnownCache(async (host) => {
      calls.push(host);
      const a = answers.shift();
      if (!a) throw new Error('no more answers');
      if (a instanceof Error) throw a;
      return a;
    }, () => t);
    return { cache, calls, advance: (ms: number) => (t += ms) };
  }

  test('a valid answer is reused until its max-age, then refetched', async () => {
    const { cache, calls, advance } = setup([json({ 'm.server': 'a.org' }, 200, 'max-age=3600'), json({ 'm.server': 'b.org' })]);
    assert.equal((await cache.lookup('x.org')).delegated, 'a.org');
    advance(HOUR - 1);
    assert.equal((await cache.lookup('x.org')).delegated, 'a.org');
    assert.equal(calls.length, 1);
    advance(1);
    assert.equal((await cache.lookup('x.org')).delegated, 'b.org');
    assert.equal(calls.length, 2);
  });

  test('a 404 is cached for an hour; network failures back off from 5 min', async () => {
    const { cache, calls, advance } = setup([
      json('nope', 404),
      new Error('ECONNREFUSED'),
      new Error('ECONNREFUSED'),
      json({ 'm.server': 'c.org' }),
    ]);
    assert.equal((await cache.lookup('x.org')).delegated, null);
    advance(HOUR - 1);
    await cache.lookup('x.org');
    assert.equal(calls.length, 1);
    advance(1);
    assert.equal((await cache.lookup('x.org')).delegated, null); // failure 1: 5 min
    advance(5 * 60_000);
    assert.equal((await cache.lookup('x.org')).delegated, null); // failure 2: 10 min
    advance(10 * 60_000 - 1);
    await cache.lookup('x.org');
    assert.equal(calls.length, 3);
    advance(1);
    assert.equal((await cache.lookup('x.org')).delegated, 'c.org');
    assert.equal(calls.length, 4);
  });

  test('concurrent lookups share one fetch', async () => {
    const { cache, calls } = setup([json({ 'm.server': 'a.org' })]);
    const all = await Promise.all([cache.lookup('x.org'), cache.lookup('x.org'), cache.lookup('x.org')]);
    assert.deepEqual(all.map((r) => r.delegated), ['a.org', 'a.org', 'a.org']);
    assert.equal(calls.length, 1);
  });
});
