// Slot `signer`: ed25519 signing and verification (spec appendices §Signing JSON).
import type { Plugin } from './plugin.ts';

/**
 * Raw-bytes ed25519. Keys are passed as the same `Uint8Array` objects on every call (the key cache keeps
 * them), so an implementation may cache its own key objects per array identity (e.g. in a WeakMap).
 * Callers never hand one implementation's key handle to another: swapping is therefore always safe.
 */
export interface Signer extends Plugin {
  /** The 32-byte public key for a 32-byte seed. */
  publicKey(seed: Uint8Array): Uint8Array;
  /** A 64-byte detached signature of `message` by the key with this 32-byte seed. */
  sign(seed: Uint8Array, message: Uint8Array): Uint8Array;
  /** True when `signature` (64 bytes) is `publicKey`'s (32 bytes) signature of `message`; false on any malformed input. */
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
  /**
   * Optional: the same answer as `verify`, later — the work may run elsewhere (worker threads). Callers with
   * many verifications in flight at once (a transaction's PDUs) use it when present; a single check on a
   * latency path (a request signature) keeps `verify`. The arrays must not change until the promise settles.
   */
  verifyLater?(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean>;
}
