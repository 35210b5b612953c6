// The verify worker's program, as source text for `new Worker(source, { eval: true })`: a plugin is one esbuild
// bundle, so its worker cannot be a file of its own. It verifies batches packed by `_verify-batch.ts`.

/**
 * Batch layout (little-endian), repeated `count` times: u32 message length, 32-byte public key, 64-byte
 * signature, the message. The reply is one byte per job: 1 verified, 0 not. Key objects are cached by key
 * bytes (cleared past KEY_CACHE_MAX entries: a cache, not a registry of every server ever seen).
 */
export const VERIFY_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort } = require('node:worker_threads');
const { createPublicKey, verify } = require('node:crypto');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const KEY_CACHE_MAX = 4096;
const keys = new Map();

function keyFor(bytes) {
  const id = Buffer.from(bytes.buffer, bytes.byteOffset, 32).toString('latin1');
  let key = keys.get(id);
  if (key === undefined) {
    if (keys.size >= KEY_CACHE_MAX) keys.clear();
    key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, bytes]), format: 'der', type: 'spki' });
    keys.set(id, key);
  }
  return key;
}

parentPort.on('message', (batch) => {
  const bytes = new Uint8Array(batch.buffer);
  const view = new DataView(batch.buffer);
  const out = new Uint8Array(batch.count);
  for (let i = 0, p = 0; i < batch.count; i++) {
    const length = view.getUint32(p, true);
    const publicKey = bytes.subarray(p + 4, p + 36);
    const signature = bytes.subarray(p + 36, p + 100);
    const message = bytes.subarray(p + 100, p + 100 + length);
    p += 100 + length;
    try {
      out[i] = verify(null, message, keyFor(publicKey), signature) ? 1 : 0;
    } catch {
      out[i] = 0; // a key OpenSSL refuses (not a curve point) is just a bad signature
    }
  }
  parentPort.postMessage({ id: batch.id, out }, [out.buffer]);
});
`;
