// Resident memory per event of each `store` implementation: every (implementation, N) in a fresh process.
//
//   node --import tsx bench/memory/store-memory.ts [--n=100000,1000000] [--impl=objects,arena] [--repeat=3] [--json]
//
// Each child (`--child`, run with --expose-gc) forces GC, reads process.memoryUsage(), fills a new store with
// the realistic workload of store-workload.ts (N events: rooms, members, messages), forces GC again and
// reports the growth: heapUsed + arrayBuffers (what the JS heap and ArrayBuffers hold) and RSS (what the
// process holds, allocator overhead and fragmentation included). A store gets the `map` interner through a
// plugin context (as the server runs it); the interner is created after the first reading, so it counts.
// The driver repeats every child `--repeat` times and prints medians per event.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { EventStore } from '../../core/slots/store.ts';
import type { PluginFactory } from '../../core/slots/plugin.ts';
import mapInterner from '../../plugins/interner/map.ts';
import { fillStore } from './store-workload.ts';

interface Sample {
  impl: string;
  n: number;
  events: number;
  payloadBytes: number;
  states: number;
  heapUsed: number;
  arrayBuffers: number;
  rss: number;
  memoryBytes: number;
  internerSize: number;
  fillMs: number;
}

const arg = (name: string, fallback: string): string =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;

async function settle(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run the child with --expose-gc');
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function child(impl: string, n: number): Promise<Sample> {
  const mod = (await import(`../../plugins/store/${impl}.ts`)) as { default: PluginFactory<EventStore> };
  await settle();
  const m0 = process.memoryUsage();
  const interner = mapInterner();
  const store = mod.default({ interner: () => interner });
  const t0 = performance.now();
  const w = fillStore(store, n, { seed: 1 });
  const fillMs = performance.now() - t0;
  await settle();
  const m1 = process.memoryUsage();
  return {
    impl, n, events: store.size, payloadBytes: w.payloadBytes, states: store.stateCount,
    heapUsed: m1.heapUsed - m0.heapUsed, arrayBuffers: m1.arrayBuffers - m0.arrayBuffers, rss: m1.rss - m0.rss,
    memoryBytes: store.memoryBytes(), internerSize: interner.size, fillMs: Math.round(fillMs),
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

function driver(): void {
  const ns = arg('n', '100000,1000000').split(',').map(Number);
  const impls = arg('impl', 'objects,arena').split(',');
  const repeat = Number(arg('repeat', '3'));
  const self = fileURLToPath(import.meta.url);
  const samples: Sample[] = [];
  const load0 = loadavg()[0]!;
  for (let rep = 0; rep < repeat; rep++) {
    for (const n of ns) {
      for (const impl of impls) {
        const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=16384', '--import', 'tsx', self, '--child', `--impl=${impl}`, `--n=${n}`], { encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`child ${impl} ${n} failed: ${r.stderr}`);
        const s = JSON.parse(r.stdout.trim().split('\n').pop()!) as Sample;
        samples.push(s);
        process.stderr.write(`run ${rep + 1}/${repeat} ${impl} N=${n}: ${((s.heapUsed + s.arrayBuffers) / s.events).toFixed(0)} B/event heap+ab, ${(s.rss / s.events).toFixed(0)} B/event rss, fill ${s.fillMs} ms\n`);
      }
    }
  }
  const rows = ns.flatMap((n) => impls.map((impl) => {
    const mine = samples.filter((s) => s.impl === impl && s.n === n);
    const per = (f: (s: Sample) => number): number => median(mine.map((s) => f(s) / s.events));
    return {
      impl, n, runs: mine.length,
      payload: per((s) => s.payloadBytes),
      heapPlusAb: per((s) => s.heapUsed + s.arrayBuffers),
      overhead: per((s) => s.heapUsed + s.arrayBuffers - s.payloadBytes),
      rss: per((s) => s.rss),
      ownAccounting: per((s) => s.memoryBytes),
      heapOnly: per((s) => s.heapUsed),
      arrayBuffersOnly: per((s) => s.arrayBuffers),
    };
  }));
  if (process.argv.includes('--json')) {
    process.stdout.write(JSON.stringify({ loadavg_start: load0, loadavg_end: loadavg()[0], rows, samples }, null, 2) + '\n');
    return;
  }
  const fmt = (x: number): string => x.toFixed(0).padStart(8);
  process.stdout.write(`load average ${load0.toFixed(2)} → ${loadavg()[0]!.toFixed(2)}; medians of ${repeat} fresh processes, bytes per event\n`);
  process.stdout.write(`${'impl'.padEnd(8)} ${'N'.padStart(8)} ${'payload'.padStart(8)} ${'heap+ab'.padStart(8)} ${'overhead'.padStart(8)} ${'rss'.padStart(8)} ${'heap'.padStart(8)} ${'ab'.padStart(8)} ${'own acct'.padStart(8)}\n`);
  for (const r of rows) {
    process.stdout.write(`${r.impl.padEnd(8)} ${String(r.n).padStart(8)} ${fmt(r.payload)} ${fmt(r.heapPlusAb)} ${fmt(r.overhead)} ${fmt(r.rss)} ${fmt(r.heapOnly)} ${fmt(r.arrayBuffersOnly)} ${fmt(r.ownAccounting)}\n`);
  }
  for (const n of ns) {
    const o = rows.find((r) => r.impl === 'objects' && r.n === n);
    for (const r of rows.filter((x) => x.n === n && x.impl !== 'objects')) {
      if (!o) continue;
      const pct = (a: number, b: number): string => `${((100 * a) / b).toFixed(0)}%`;
      process.stdout.write(`N=${n}: ${r.impl}/objects heap+ab ${pct(r.heapPlusAb, o.heapPlusAb)}, overhead beyond the payload ${pct(r.overhead, o.overhead)}, rss ${pct(r.rss, o.rss)}\n`);
    }
  }
}

if (process.argv.includes('--child')) {
  const s = await child(arg('impl', 'objects'), Number(arg('n', '100000')));
  process.stdout.write(JSON.stringify(s) + '\n');
} else {
  driver();
}
