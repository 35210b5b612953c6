// Micro-benchmark of every `interner` implementation: intern 10k fresh ids, lookup and find hot ids.
import { bench, do_not_optimize, group, summary } from 'mitata';
import type { Interner } from '../../core/slots/interner.ts';
import { selfCheck } from '../../plugins/interner/self-check.ts';
import { prng } from '../fixtures/prng.ts';
import { discover } from './discover.ts';
import { note, runBenchmarks } from './cli.ts';

const impls = await discover<Interner>('interner', selfCheck);
if (impls.length === 0) note('no interner implementations found');

const r = prng(7);
const SERVERS = ['matrix.org', 'example.com', 'kde.org', 'mozilla.org', 'envs.net'];
// Through JSON so they are flat strings, as parsed PDUs give (template literals build cons strings).
const ids = JSON.parse(
  JSON.stringify(Array.from({ length: 10_000 }, (_, i) => `@user${r.int(1e9)}_${i}:${r.pick(SERVERS)}`)),
) as string[];
const hot = Array.from({ length: 1000 }, () => ids[r.int(1000)]!); // the busiest 10% of ids
const cold = Array.from({ length: 1000 }, (_, i) => `@nobody${i}:${r.pick(SERVERS)}`);

/**
 * Strings as they arrive in a parsed PDU: new string objects without V8's cached hash. Re-interning the
 * same literal objects would let a Map reuse each string's cached hash and flatter it.
 */
const idsJson = JSON.stringify(ids);
const hotJson = JSON.stringify(hot);
const coldJson = JSON.stringify(cold);
const fresh = (json: string) => (): string[] => JSON.parse(json) as string[];

group('intern 10k fresh ids into a new interner (per 10k)', () => {
  summary(() => {
    for (const { name, factory } of impls) {
      bench(name, function* () {
        yield {
          [0]: fresh(idsJson),
          bench(strings: string[]) {
            const interner = factory();
            for (let i = 0; i < strings.length; i++) interner.intern(strings[i]!);
            return do_not_optimize(interner.size);
          },
        };
      }).gc('inner');
    }
  });
});

/** An interner already holding the 10k ids, and the ids of the hot ones. */
function loaded(factory: () => Interner): { interner: Interner; hotIds: Int32Array } {
  const interner = factory();
  for (const s of ids) interner.intern(s);
  return { interner, hotIds: Int32Array.from(hot, (s) => interner.find(s)) };
}

group('lookup 1000 hot ids (per 1000)', () => {
  summary(() => {
    for (const { name, factory } of impls) {
      const { interner, hotIds } = loaded(factory);
      bench(name, () => {
        let total = 0;
        for (let i = 0; i < hotIds.length; i++) total += interner.lookup(hotIds[i]!).length;
        return do_not_optimize(total);
      });
    }
  });
});

function findAll(interner: Interner, strings: string[]): number {
  let total = 0;
  for (let i = 0; i < strings.length; i++) total += interner.find(strings[i]!);
  return total;
}

group('find 1000 hot ids, same string objects (per 1000)', () => {
  summary(() => {
    for (const { name, factory } of impls) {
      const { interner } = loaded(factory);
      bench(name, () => do_not_optimize(findAll(interner, hot)));
    }
  });
});

group('find 1000 hot ids, freshly parsed strings (per 1000)', () => {
  summary(() => {
    for (const { name, factory } of impls) {
      const { interner } = loaded(factory);
      bench(name, function* () {
        yield { [0]: fresh(hotJson), bench: (strings: string[]) => do_not_optimize(findAll(interner, strings)) };
      });
    }
  });
});

group('find 1000 never-interned ids, freshly parsed (per 1000)', () => {
  summary(() => {
    for (const { name, factory } of impls) {
      const { interner } = loaded(factory);
      bench(name, function* () {
        yield { [0]: fresh(coldJson), bench: (strings: string[]) => do_not_optimize(findAll(interner, strings)) };
      });
    }
  });
});

await runBenchmarks();
