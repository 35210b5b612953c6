// SHA-256 helpers over node:crypto, used for content hashes and reference hashes.
import { createHash, hash, type Hash } from 'node:crypto';
import { encodeBase64 } from './base64.ts';

/** SHA-256 of `bytes` (one-shot `crypto.hash`: no Hash object for small inputs). */
export function sha256(bytes: Uint8Array | string): Uint8Array {
  const digest = hash('sha256', bytes, 'buffer');
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
}

/** SHA-256 of `bytes` as unpadded standard base64, the form `hashes.sha256` carries. */
export function sha256Base64(bytes: Uint8Array | string): string {
  return encodeBase64(hash('sha256', bytes, 'buffer'));
}

/** An incremental SHA-256 for callers that feed bytes in pieces. */
export function createSha256(): Hash {
  return createHash('sha256');
}

/** True when two byte arrays hold the same bytes (not constant-time: hashes here are public). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}
