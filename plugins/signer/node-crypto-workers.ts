// Signer `node-crypto-workers`: node-crypto, with `verifyLater` answered by a pool of worker threads, so a
// transaction's signature checks run on other cores while this thread parses, hashes and authorises.
import { availableParallelism } from 'node:os';
import type { Signer } from '../../core/slots/signer.ts';
import nodeCrypto from './node-crypto.ts';
import { createVerifyPool } from './_verify-pool.ts';

/** At most this many verify threads, whatever the machine. */
const MAX_WORKERS = 8;

/**
 * One thread per core this process may run on (its CPU affinity), less one for the main thread; 0 (every
 * check inline, exactly node-crypto) on a single core. FLUCTLIGHT_SIGNER_WORKERS overrides the count.
 */
export function workerCount(env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): number {
  const wanted = env.FLUCTLIGHT_SIGNER_WORKERS;
  if (wanted !== undefined && wanted !== '') {
    const n = Number(wanted);
    if (Number.isInteger(n) && n >= 0 && n <= 64) return n;
  }
  return Math.min(MAX_WORKERS, Math.max(0, cores - 1));
}

/** Signing and `verify` stay on the calling thread (node-crypto); only `verifyLater` goes to the pool. */
export default function nodeCryptoWorkers(): Signer {
  const inline = nodeCrypto();
  const pool = createVerifyPool(workerCount(), (k, m, s) => inline.verify(k, m, s));
  return {
    name: 'node-crypto-workers',
    publicKey: (seed) => inline.publicKey(seed),
    sign: (seed, message) => inline.sign(seed, message),
    verify: (publicKey, message, signature) => inline.verify(publicKey, message, signature),
    verifyLater: (publicKey, message, signature) => pool.verify(publicKey, message, signature),
    dispose: () => pool.close(),
    stats: () => ({ ...pool.stats() }),
  };
}
