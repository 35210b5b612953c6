// Notary co-signing shared by the two key query endpoints (server-server-api §Querying Keys Through Another Server).
import type { Keyring } from '../keys/keyring.ts';
import type { ServerKeys } from '../keys/server-keys.ts';
import { signJson, type JsonObject } from '../matrix/signing.ts';
import type { ActiveSlots } from '../slots/registry.ts';

export class Notary {
  readonly #keyring: Keyring;
  readonly #own: ServerKeys;
  readonly #slots: ActiveSlots;
  /** Origin responses are immutable once stored, so each is co-signed once. */
  readonly #cosigned = new WeakMap<JsonObject, JsonObject>();

  constructor(keyring: Keyring, own: ServerKeys, slots: ActiveSlots) {
    this.#keyring = keyring;
    this.#own = own;
    this.#slots = slots;
  }

  /** The origin's key responses with our signature added beside the origin's. */
  async query(server: string, minimumValidUntilTs: number, keyIds?: readonly string[]): Promise<JsonObject[]> {
    const responses = await this.#keyring.notaryResponses(server, minimumValidUntilTs, keyIds);
    return responses.map((r) => {
      let s = this.#cosigned.get(r);
      if (!s) this.#cosigned.set(r, (s = signJson(this.#slots.json, this.#slots.signer, r, this.#own.signingKey)));
      return s;
    });
  }
}
