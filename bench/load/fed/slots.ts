// The generator's own canonical JSON and ed25519 (fixed: the server under test's experiment does not change
// how the fake servers sign). node:crypto is the fastest signer we have, so pre-building stays short.
import makeJson from '../../../plugins/json/single-pass.ts';
import makeSigner from '../../../plugins/signer/node-crypto.ts';
import type { JsonCodec } from '../../../core/slots/json.ts';
import type { Signer } from '../../../core/slots/signer.ts';

export const FED_SLOTS: { readonly json: JsonCodec; readonly signer: Signer } = { json: makeJson(), signer: makeSigner() };
