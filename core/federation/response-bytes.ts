// Assembling JSON responses from stored canonical event bytes by concatenation (no parse, no re-serialise):
// the fast path for /event, /state, /backfill, /get_missing_events and /event_auth replies. (The membership
// endpoints have their own json-bytes.ts with the same idea; this one also takes bytes not in the store,
// such as the redacted form served when history visibility hides an event.)
//
// What it trades away: the wrapper is written by hand, so keys appear in the order the caller writes them (not
// canonical order — responses need not be canonical JSON), and nothing checks that the parts are valid JSON:
// callers pass only canonical PDU bytes and values they built themselves.

const utf8 = new TextEncoder();
const OPEN = Uint8Array.of(0x5b); // [
const CLOSE = Uint8Array.of(0x5d); // ]
const SEP = Uint8Array.of(0x2c); // ,

/** Collects chunks and copies them once into one buffer at the end. */
export class ResponseBytes {
  readonly #chunks: Uint8Array[] = [];
  #length = 0;

  /** Raw JSON text (punctuation, keys). */
  text(s: string): this {
    return this.bytes(utf8.encode(s));
  }

  /** Pre-serialised JSON bytes, as they are. */
  bytes(b: Uint8Array): this {
    this.#chunks.push(b);
    this.#length += b.length;
    return this;
  }

  /** A small value serialised with JSON.stringify (ids, numbers, strings). */
  value(v: unknown): this {
    return this.text(JSON.stringify(v));
  }

  /** `[a,b,…]` from pre-serialised items. */
  array(items: Iterable<Uint8Array>): this {
    this.bytes(OPEN);
    let first = true;
    for (const item of items) {
      if (!first) this.bytes(SEP);
      this.bytes(item);
      first = false;
    }
    return this.bytes(CLOSE);
  }

  /** The concatenation, in one allocation. */
  finish(): Uint8Array {
    const out = new Uint8Array(this.#length);
    let at = 0;
    for (const c of this.#chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

/** `{"origin":…,"origin_server_ts":…,"pdus":[…]}` — the transaction shape /event and /backfill answer with. */
export function transactionBytes(origin: string, now: number, pdus: Iterable<Uint8Array>): Uint8Array {
  return new ResponseBytes().text('{"origin":').value(origin).text(',"origin_server_ts":').value(now).text(',"pdus":').array(pdus).text('}').finish();
}

/** `{"<key>":[…]}` from pre-serialised items. */
export function objectOfArray(key: string, items: Iterable<Uint8Array>): Uint8Array {
  return new ResponseBytes().text('{').value(key).text(':').array(items).text('}').finish();
}
