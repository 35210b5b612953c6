// Large federation answers (send_join, send_knock) assembled from stored canonical PDU bytes by concatenation:
// each PDU is already serialised once, on receipt; only the small envelope is encoded here.
import type { EventStore } from '../slots/store.ts';

const enc = new TextEncoder();

/** `[pdu,pdu,…]` from the stored bytes of `ids` (unknown ids are skipped), as chunks to concatenate. */
export function pduArrayChunks(store: EventStore, ids: Iterable<string>): Uint8Array[] {
  const out: Uint8Array[] = [enc.encode('[')];
  let first = true;
  for (const id of ids) {
    const b = store.bytes(id);
    if (b === undefined) continue;
    if (!first) out.push(enc.encode(','));
    out.push(b);
    first = false;
  }
  out.push(enc.encode(']'));
  return out;
}

/** A field value: pre-serialised JSON chunks, or a small value to encode with JSON.stringify. */
export type FieldValue = { readonly chunks: readonly Uint8Array[] } | { readonly json: unknown };

/** `{"k":v,…}` with the fields in the order given; one allocation for the result. */
export function objectBytes(fields: ReadonlyArray<readonly [key: string, value: FieldValue]>): Uint8Array {
  const parts: Uint8Array[] = [enc.encode('{')];
  fields.forEach(([key, value], i) => {
    parts.push(enc.encode(`${i === 0 ? '' : ','}${JSON.stringify(key)}:`));
    if ('chunks' in value) parts.push(...value.chunks);
    else parts.push(enc.encode(JSON.stringify(value.json)));
  });
  parts.push(enc.encode('}'));
  return Buffer.concat(parts);
}
