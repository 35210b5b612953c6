// Known-answer check a signer must pass before the plugin host swaps it in; also holds the RFC 8032 vectors.
import { PluginError, PluginErrorCode } from '../../core/slots/plugin.ts';
import type { Signer } from '../../core/slots/signer.ts';

export interface Ed25519Vector {
  readonly name: string;
  readonly seed: string; // hex
  readonly publicKey: string; // hex
  readonly message: string; // hex
  readonly signature: string; // hex
}

/** RFC 8032 §7.1, Ed25519 tests 1–3 ("SECRET KEY" there is the 32-byte seed). */
export const RFC8032_VECTORS: readonly Ed25519Vector[] = [
  {
    name: 'RFC 8032 §7.1 TEST 1 (empty message)',
    seed: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature:
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    name: 'RFC 8032 §7.1 TEST 2 (one byte)',
    seed: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    publicKey: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature:
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
  {
    name: 'RFC 8032 §7.1 TEST 3 (two bytes)',
    seed: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    publicKey: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    message: 'af82',
    signature:
      '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
];

export function fromHex(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/**
 * Fast: derives the public key, signs and verifies RFC 8032 test 2, then checks a one-bit-flipped signature
 * is refused. Throws a PluginError (FL_SELF_CHECK_FAILED) naming the first mismatch.
 */
export function selfCheck(signer: Signer): void {
  const v = RFC8032_VECTORS[1]!;
  const fail = (what: string, cause?: unknown): never => {
    throw new PluginError(PluginErrorCode.SELF_CHECK_FAILED, signer.name, `${v.name}: ${what}`, { cause });
  };
  const seed = fromHex(v.seed);
  const message = fromHex(v.message);
  try {
    const publicKey = signer.publicKey(seed);
    if (toHex(publicKey) !== v.publicKey) fail(`public key ${toHex(publicKey)}`);
    const signature = signer.sign(seed, message);
    if (toHex(signature) !== v.signature) fail(`signature ${toHex(signature)}`);
    if (signer.verify(publicKey, message, signature) !== true) fail('verify refused a good signature');
    const flipped = Uint8Array.from(signature);
    flipped[0]! ^= 1;
    if (signer.verify(publicKey, message, flipped) !== false) fail('verify accepted a flipped signature');
  } catch (err) {
    if (err instanceof PluginError) throw err;
    fail(`threw ${String(err)}`, err);
  }
}
