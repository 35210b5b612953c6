// PDUs as the admin API shows them: the stored canonical bytes with `"event_id"` put in front (v3+ PDUs carry
// no id of their own), joined into arrays by concatenation — nothing is parsed or re-serialised.
// Trade-off: the key order is no longer canonical (event_id first); these are for reading, not for signing.
import type { ServerContext } from '../context.ts';

const enc = new TextEncoder();
const OPEN = enc.encode('[');
const COMMA = enc.encode(',');
const CLOSE = enc.encode(']');

/** `{"event_id":"$…",<the rest of the stored PDU>`; undefined when we do not hold the event. */
export function eventJsonParts(ctx: ServerContext, eventId: string): Uint8Array[] | undefined {
  const bytes = ctx.data.store().bytes(eventId);
  if (bytes === undefined) return undefined;
  const head = enc.encode(`{"event_id":${JSON.stringify(eventId)}${bytes.length > 2 ? ',' : ''}`);
  return [head, bytes.subarray(1)];
}

/** A JSON array of the events held among `ids` (in the order given), as one buffer. */
export function eventsArray(ctx: ServerContext, ids: Iterable<string>): Uint8Array {
  const parts: Uint8Array[] = [OPEN];
  let first = true;
  for (const id of ids) {
    const p = eventJsonParts(ctx, id);
    if (p === undefined) continue;
    if (!first) parts.push(COMMA);
    first = false;
    parts.push(...p);
  }
  parts.push(CLOSE);
  return Buffer.concat(parts);
}

/** A JSON object written around pre-rendered values: `{"k":<bytes>,…}` (values already valid JSON). */
export function objectOf(fields: ReadonlyArray<readonly [key: string, value: Uint8Array | string]>): Uint8Array {
  const parts: Uint8Array[] = [];
  fields.forEach(([k, v], i) => {
    parts.push(enc.encode(`${i === 0 ? '{' : ','}${JSON.stringify(k)}:`));
    parts.push(typeof v === 'string' ? enc.encode(v) : v);
  });
  parts.push(enc.encode(fields.length === 0 ? '{}' : '}'));
  return Buffer.concat(parts);
}
