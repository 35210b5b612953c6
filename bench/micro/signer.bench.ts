// Micro-benchmark of every `signer` implementation: sign and verify a 1 KB message, with and without cached keys.
import { bench, do_not_optimize, group, summary } from 'mitata';
import type { Signer } from '../../core/slots/signer.ts';
import { selfCheck } from '../../plugins/signer/self-check.ts';
import { prng } from '../fixtures/prng.ts';
import { discover } from './discover.ts';
import { note, runBenchmarks } from './cli.ts';

const signers = (await discover<Signer>('signer', selfCheck)).map((d) => d.factory());
if (signers.length === 0) note('no signer implementations found');

const r = prng(42);
const seed = r.bytes(32);
const message = r.bytes(1024);

group('sign 1 KB message (key cached)', () => {
  summary(() => {
    for (const s of signers) bench(s.name, () => do_not_optimize(s.sign(seed, message)));
  });
});

group('verify 1 KB message (key cached)', () => {
  summary(() => {
    for (const s of signers) {
      const publicKey = s.publicKey(seed);
      const signature = s.sign(seed, message);
      bench(s.name, () => do_not_optimize(s.verify(publicKey, message, signature)));
    }
  });
});

// What a transaction's PDU checks look like: 50 signatures in flight at once. A signer with `verifyLater` (worker
// threads) answers them there; the others verify one by one. Per-iteration time is for all 50.
group('verify 50 × 1 KB messages in flight (verifyLater where present)', () => {
  summary(() => {
    for (const s of signers) {
      const publicKey = s.publicKey(seed);
      const messages = Array.from({ length: 50 }, (_, i) => Uint8Array.of(i, ...message.subarray(1)));
      const signatures = messages.map((m) => s.sign(seed, m));
      const one = (i: number) => (s.verifyLater ? s.verifyLater(publicKey, messages[i]!, signatures[i]!) : s.verify(publicKey, messages[i]!, signatures[i]!));
      bench(s.name, async () => do_not_optimize(await Promise.all(messages.map((_, i) => one(i)))));
    }
  });
});

// A fresh key array every call defeats the per-array cache: what a key seen once costs.
group('sign 1 KB message (new key array each call)', () => {
  summary(() => {
    for (const s of signers) {
      bench(s.name, function* () {
        yield { [0]: () => seed.slice(), bench: (k: Uint8Array) => do_not_optimize(s.sign(k, message)) };
      });
    }
  });
});

group('verify 1 KB message (new key array each call)', () => {
  summary(() => {
    for (const s of signers) {
      const publicKey = s.publicKey(seed);
      const signature = s.sign(seed, message);
      bench(s.name, function* () {
        yield {
          [0]: () => publicKey.slice(),
          bench: (k: Uint8Array) => do_not_optimize(s.verify(k, message, signature)),
        };
      });
    }
  });
});

await runBenchmarks();
