// Micro-benchmark of every `json` implementation: canonical encode and SHA-256 of PDUs of three sizes.
import { bench, do_not_optimize, group, summary } from 'mitata';
import type { JsonCodec } from '../../core/slots/json.ts';
import { selfCheck } from '../../plugins/json/self-check.ts';
import { SIZED_PDUS } from '../fixtures/pdus.ts';
import { discover } from './discover.ts';
import { note, runBenchmarks } from './cli.ts';

const codecs = (await discover<JsonCodec>('json', selfCheck)).map((d) => d.factory());
if (codecs.length === 0) note('no json implementations found');

// A benchmark of a wrong answer is meaningless: every codec must give the first one's bytes.
for (const { label, pdu } of SIZED_PDUS) {
  const expected = codecs[0] && Buffer.from(codecs[0].encode(pdu));
  for (const c of codecs.slice(1)) {
    if (!expected?.equals(c.encode(pdu))) note(`warning: ${c.name} disagrees with ${codecs[0]!.name} on ${label}`);
  }
}

for (const { label, pdu } of SIZED_PDUS) {
  const heavy = label.startsWith('m.room.power_levels');
  group(`canonical encode: ${label}`, () => {
    summary(() => {
      // Not canonical (no key sort, no UTF-8): how far the codecs are from the engine's own serializer.
      bench('JSON.stringify (baseline)', () => do_not_optimize(JSON.stringify(pdu))).baseline(true);
      for (const c of codecs) bench(c.name, () => do_not_optimize(c.encode(pdu))).gc(heavy ? 'inner' : 'once');
    });
  });
  group(`sha256 of canonical JSON: ${label}`, () => {
    summary(() => {
      for (const c of codecs) bench(c.name, () => do_not_optimize(c.sha256(pdu))).gc(heavy ? 'inner' : 'once');
    });
  });
}

await runBenchmarks();
