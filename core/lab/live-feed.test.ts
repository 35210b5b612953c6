// Tests for the live feed: per-interval rates and latencies, slot state in every frame, swaps published once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SlotHost, SwapRecord } from '../slots/host.ts';
import type { LiveFrame } from './lab-wire.ts';
import { LiveFeed } from './live-feed.ts';
import { Metrics } from './metrics.ts';

function fakeHost() {
  const log: SwapRecord[] = [];
  const state: Record<string, { impl: string; generation: number; hash: string }> = {
    json: { impl: 'single-pass', generation: 1, hash: 'a' }, signer: { impl: 'node-crypto', generation: 1, hash: 'b' }, interner: { impl: 'map', generation: 1, hash: 'c' },
    store: { impl: 'objects', generation: 1, hash: 'd' },
  };
  const swap = (slot: string, impl: string, ok = true) => {
    if (ok) state[slot] = { impl, generation: state[slot]!.generation + 1, hash: impl };
    log.push({ slot: slot as SwapRecord['slot'], impl, generation: state[slot]!.generation, trigger: 'api', at: new Date().toISOString(), ok, swap_ms: 1, new_module: false, heap_delta: 0, rss_delta: 0 });
    if (log.length > 50) log.shift();
  };
  const host = { log, current: (s: string) => ({ ...state[s]! }) } as unknown as SlotHost;
  return { host, swap };
}

function feedWith(host: SlotHost, metrics: Metrics) {
  const sent: { type: string; [k: string]: unknown }[] = [];
  const feed = new LiveFeed({ serverName: 'test', host, metrics, experiment: { name: 'baseline' }, publish: (m) => sent.push(JSON.parse(m)) });
  return { feed, sent };
}

test('a frame counts only the requests and PDUs of its interval, with that interval\'s percentiles', () => {
  const metrics = new Metrics();
  for (let i = 0; i < 50; i++) metrics.record(200, 100); // before the feed exists: not counted
  const { host } = fakeHost();
  const { feed, sent } = feedWith(host, metrics);
  for (let i = 1; i <= 100; i++) metrics.record(200, i / 10); // 0.1 … 10 ms
  metrics.addPdus(40);
  const f = feed.tick();
  assert.ok(f.requests_per_s > 0);
  assert.equal(f.p50_ms, 5.1); // element ⌊0.5·100⌋ of 0.1…10.0
  assert.equal(f.p99_ms, 10);
  assert.ok(f.pdus_per_s > 0);
  assert.ok(Math.abs(f.pdus_per_s / f.requests_per_s - 0.4) < 1e-3, 'same interval for both rates');
  assert.deepEqual(f.slots, { json: { impl: 'single-pass', generation: 1 }, signer: { impl: 'node-crypto', generation: 1 }, interner: { impl: 'map', generation: 1 }, store: { impl: 'objects', generation: 1 } });
  assert.equal(f.experiment, 'baseline');
  assert.ok(f.rss_bytes > 0);
  const idle = feed.tick();
  assert.equal(idle.requests_per_s, 0);
  assert.equal(idle.p50_ms, null);
  assert.equal(idle.p99_ms, null);
  assert.deepEqual(sent.map((m) => m.type), ['tick', 'tick']);
  const hello = JSON.parse(feed.hello());
  assert.equal(hello.type, 'hello');
  assert.deepEqual(hello.frames.map((x: LiveFrame) => x.t), [f.t, idle.t]);
});

test('swaps are published once each, in order, including failed ones and after the log was trimmed', () => {
  const { host, swap } = fakeHost();
  swap('json', 'single-pass'); // before the feed: history, not news
  const { feed, sent } = feedWith(host, new Metrics());
  swap('signer', 'tweetnacl');
  swap('signer', 'nope', false);
  feed.flushSwaps();
  feed.flushSwaps();
  assert.deepEqual(sent.map((m) => [m.type, m.slot, m.impl, m.ok]), [['swap', 'signer', 'tweetnacl', true], ['swap', 'signer', 'nope', false]]);
  for (let i = 0; i < 60; i++) swap('interner', i % 2 ? 'map' : 'hash-table'); // more than the host keeps
  const f = feed.tick();
  const swaps = sent.filter((m) => m.type === 'swap');
  assert.equal(swaps.length, 2 + 50, 'every swap still in the log is published once');
  assert.equal(sent.at(-1)!.type, 'tick', 'swaps go out before the frame that shows them');
  assert.equal(f.slots.interner!.generation, 61);
  assert.equal(JSON.parse(feed.hello()).swaps.length, 50);
});

test('an implementation\'s own counters ride along in its slot\'s entry', () => {
  const { host } = fakeHost();
  let checks = 0;
  Object.assign(host, { active: { signer: { stats: () => ({ workers: 1, verified_on_workers: ++checks }) } } });
  const { feed } = feedWith(host, new Metrics());
  assert.deepEqual(feed.tick().slots.signer, { impl: 'node-crypto', generation: 1, stats: { workers: 1, verified_on_workers: 1 } });
  assert.deepEqual(feed.tick().slots.signer!.stats, { workers: 1, verified_on_workers: 2 });
  assert.equal(feed.tick().slots.json!.stats, undefined);
});
