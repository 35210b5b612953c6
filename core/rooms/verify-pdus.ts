// Receipt checks 1–3 (format, signatures, hashes: server-server-api §Checks performed on receipt of a PDU): for
// `receive` (receive-pdu.ts, which goes on with 4–6) and for PDUs that do not go through it — a send_join
// response's state and auth chain, backfilled history, an event handed to a membership endpoint. Nothing is
// stored here.
import type { RoomVersionRules } from '../matrix/room-versions.ts';
import type { Pdu } from '../matrix/pdu.ts';
import { redact } from '../matrix/redaction.ts';
import type { EngineContext } from './engine-context.ts';
import { checkFormat, contentHashHolds } from './check-format.ts';
import { signatureError } from './check-signatures.ts';

export interface VerifiedPdu {
  readonly ok: true;
  readonly eventId: string;
  /** Without `unsigned`; the redacted form when the content hash did not match (check 3). */
  readonly pdu: Pdu;
  /** Canonical JSON of `pdu`. */
  readonly bytes: Uint8Array;
  readonly redactedOnReceipt: boolean;
}

export interface FailedPdu {
  readonly ok: false;
  /** Known when the PDU was well-formed enough to compute it. */
  readonly eventId: string | undefined;
  readonly reason: string;
}

export type PduCheck = VerifiedPdu | FailedPdu;

/**
 * Checks 1–3 on one PDU of `roomId`: 1. valid format for the room version (and in this room), 2. signatures
 * of the required servers (the sender's, and a restricted join's authorising server) with keys valid at its
 * origin_server_ts, 3. the content hash, else the redacted form is kept. `trustStored`: an event we already
 * store was checked when it arrived, so 2 and 3 are skipped for it (the receipt path; it is a duplicate there).
 */
export async function verifyPdu(ctx: EngineContext, rules: RoomVersionRules, roomId: string, value: unknown, trustStored = false): Promise<PduCheck> {
  const json = ctx.slots.json;
  // 1. Is a valid event, otherwise it is dropped.
  const f = checkFormat(json, rules, value, roomId);
  if (!f.ok) return { ok: false, eventId: undefined, reason: f.reason };
  const { eventId, pdu } = f.value;
  if (trustStored && ctx.store().has(eventId)) return { ok: true, eventId, pdu, bytes: f.value.bytes, redactedOnReceipt: false };
  // 2. Passes signature checks, otherwise it is dropped.
  if (ctx.options.dangerouslySkipSignatureChecksForBenchmark !== true) {
    const eventKey = ctx.options.eventKey;
    const error = eventKey === undefined
      ? 'no signing-key lookup configured'
      : await signatureError(ctx.slots.signer, rules, pdu, f.value.signedBytes, eventKey);
    if (error !== undefined) return { ok: false, eventId, reason: error };
  }
  // 3. Passes hash checks, otherwise it is redacted before being processed further.
  if (contentHashHolds(f.value)) return { ok: true, eventId, pdu, bytes: f.value.bytes, redactedOnReceipt: false };
  const redacted = redact(pdu, rules.redaction) as Pdu;
  return { ok: true, eventId, pdu: redacted, bytes: json.encode(redacted), redactedOnReceipt: true };
}

/** `verifyPdu` over a batch, concurrently (key lookups overlap); results in input order. */
export function verifyPdus(ctx: EngineContext, rules: RoomVersionRules, roomId: string, values: readonly unknown[]): Promise<PduCheck[]> {
  return Promise.all(values.map((v) => verifyPdu(ctx, rules, roomId, v)));
}
