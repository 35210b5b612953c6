// The headline: hash + sign a ~1 KB PDU, and check one (content hash + signature), per json × signer pair.
import { bench, do_not_optimize, group, summary } from 'mitata';
import { checkContentHash, signEvent, verifyEventSignature } from '../../core/matrix/event-hash.ts';
import { roomVersion } from '../../core/matrix/room-versions.ts';
import type { SigningKey } from '../../core/matrix/signing.ts';
import type { JsonCodec } from '../../core/slots/json.ts';
import type { Signer } from '../../core/slots/signer.ts';
import { selfCheck as jsonSelfCheck } from '../../plugins/json/self-check.ts';
import { selfCheck as signerSelfCheck } from '../../plugins/signer/self-check.ts';
import { asParsed, jsonSize, messagePdu } from '../fixtures/pdus.ts';
import { prng } from '../fixtures/prng.ts';
import { discover } from './discover.ts';
import { note, runBenchmarks } from './cli.ts';

const codecs = (await discover<JsonCodec>('json', jsonSelfCheck)).map((d) => d.factory());
const signers = (await discover<Signer>('signer', signerSelfCheck)).map((d) => d.factory());
if (codecs.length === 0 || signers.length === 0) note(`found ${codecs.length} json and ${signers.length} signer implementations`);

const ROOM_VERSION = '10';
const redaction = roomVersion(ROOM_VERSION)!.redaction;
// The fixture as we would build it, before hashing and signing.
const { hashes: _h, signatures: _s, ...unsignedPdu } = asParsed(messagePdu(2, 50));
const sender = unsignedPdu.sender as string;
const key: SigningKey = { entity: sender.slice(sender.indexOf(':') + 1), keyId: 'ed25519:a_Abc1', seed: prng(9).bytes(32) };
const signedSize = codecs[0] && signers[0] ? jsonSize(signEvent(codecs[0], signers[0], unsignedPdu, redaction, key)) : NaN;
const size = `m.room.message, room v${ROOM_VERSION}, ${jsonSize(unsignedPdu)} B unsigned, ${signedSize} B signed`;

group(`hash + sign (content hash, redact, canonical JSON, ed25519): ${size}`, () => {
  summary(() => {
    for (const codec of codecs) {
      for (const signer of signers) {
        bench(`${codec.name} + ${signer.name}`, () => do_not_optimize(signEvent(codec, signer, unsignedPdu, redaction, key)));
      }
    }
  });
});

group(`check a received PDU (content hash + signature): ${size}`, () => {
  summary(() => {
    for (const codec of codecs) {
      for (const signer of signers) {
        const signed = signEvent(codec, signer, unsignedPdu, redaction, key);
        const publicKey = signer.publicKey(key.seed);
        const lookup = (keyId: string): Uint8Array | undefined => (keyId === key.keyId ? publicKey : undefined);
        const check = (): boolean =>
          checkContentHash(codec, signed) && verifyEventSignature(codec, signer, signed, redaction, key.entity, lookup).ok;
        if (!check()) throw new Error(`${codec.name} + ${signer.name}: a PDU it signed does not check`);
        bench(`${codec.name} + ${signer.name}`, () => do_not_optimize(check()));
      }
    }
  });
});

await runBenchmarks();
