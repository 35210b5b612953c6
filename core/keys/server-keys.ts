// Our published server keys (spec: GET /_matrix/key/v2/server): a self-signed response rendered once into
// bytes and served as they are, re-rendered halfway through its validity so it is always ≥ 12 h from expiry.
import { encodeBase64 } from '../matrix/base64.ts';
import { signJson, type SigningKey } from '../matrix/signing.ts';
import type { ActiveSlots } from '../slots/registry.ts';
import type { OldKey } from './old-keys-file.ts';

/** How long a rendered response says it is valid (the spec asks for at least an hour; Synapse uses a day). */
export const KEY_VALIDITY_MS = 24 * 60 * 60 * 1000;

export interface ServerKeysResponse {
  server_name: string;
  valid_until_ts: number;
  verify_keys: Record<string, { key: string }>;
  old_verify_keys: Record<string, OldKey>;
  signatures: Record<string, Record<string, string>>;
}

export class ServerKeys {
  readonly serverName: string;
  readonly signingKey: SigningKey;
  readonly publicKey: Uint8Array;
  readonly #oldKeys: Record<string, OldKey>;
  readonly #slots: ActiveSlots;
  readonly #now: () => number;
  #object!: ServerKeysResponse;
  #bytes!: Uint8Array;
  #renewAt = 0;

  constructor(opts: { serverName: string; keyId: string; seed: Uint8Array; oldKeys?: Record<string, OldKey>; slots: ActiveSlots; now?: () => number }) {
    this.serverName = opts.serverName;
    this.signingKey = { entity: opts.serverName, keyId: opts.keyId, seed: opts.seed };
    this.#slots = opts.slots;
    this.publicKey = opts.slots.signer.publicKey(opts.seed);
    this.#oldKeys = opts.oldKeys ?? {};
    this.#now = opts.now ?? Date.now;
    this.#render();
  }

  #render(): void {
    const now = this.#now();
    const unsigned = {
      server_name: this.serverName,
      valid_until_ts: now + KEY_VALIDITY_MS,
      verify_keys: { [this.signingKey.keyId]: { key: encodeBase64(this.publicKey) } },
      old_verify_keys: this.#oldKeys,
    };
    this.#object = signJson(this.#slots.json, this.#slots.signer, unsigned, this.signingKey) as ServerKeysResponse;
    this.#bytes = Buffer.from(JSON.stringify(this.#object));
    this.#renewAt = now + KEY_VALIDITY_MS / 2;
  }

  /** The response bytes (re-rendered first if past half their validity). */
  bytes(): Uint8Array {
    if (this.#now() >= this.#renewAt) this.#render();
    return this.#bytes;
  }

  /** The response as an object (same freshness rule); treat as read-only. */
  response(): ServerKeysResponse {
    if (this.#now() >= this.#renewAt) this.#render();
    return this.#object;
  }
}
