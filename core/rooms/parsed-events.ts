// A bounded cache of parsed PDUs by event id, so auth checks and state resolution do not reparse stored bytes.
import type { Event, Pdu } from '../matrix/pdu.ts';
import { BoundedMap } from './bounded-map.ts';

export const PARSED_CACHE_DEFAULT_SIZE = 50_000;

export class ParsedEvents {
  readonly #map: BoundedMap<string, Event>;
  #hits = 0;
  #misses = 0;

  constructor(capacity = PARSED_CACHE_DEFAULT_SIZE) {
    this.#map = new BoundedMap(capacity);
  }

  /** The cached event, or the one parsed from what `load` returns (then cached); undefined when it has nothing. */
  get(eventId: string, load: (eventId: string) => Uint8Array | undefined): Event | undefined {
    const cached = this.#map.get(eventId);
    if (cached !== undefined) {
      this.#hits++;
      return cached;
    }
    const bytes = load(eventId);
    if (bytes === undefined) return undefined;
    this.#misses++;
    const event: Event = { eventId, pdu: parseStored(bytes) };
    this.#map.set(eventId, event);
    return event;
  }

  /** Records an event whose parsed form the caller already has (it must match the stored bytes). */
  set(event: Event): void {
    this.#map.set(event.eventId, event);
  }

  /** Forgets an event whose stored bytes changed (an applied redaction). */
  invalidate(eventId: string): void {
    this.#map.delete(eventId);
  }

  get stats(): { readonly size: number; readonly hits: number; readonly misses: number } {
    return { size: this.#map.size, hits: this.#hits, misses: this.#misses };
  }
}

/** Stored bytes are canonical JSON we wrote ourselves: plain JSON.parse, no validation again. */
function parseStored(bytes: Uint8Array): Pdu {
  return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as Pdu;
}
