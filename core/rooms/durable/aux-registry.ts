// Records of other subsystems (pending federation transactions, local users, aliases, …), keyed by a kind.
//
// A subsystem registers its kind with two functions: `replay` applies one value (at start-up, in journal
// order), and `snapshot` returns values which, replayed from nothing, rebuild its current state; snapshots
// call it synchronously and must get a copy (values appended afterwards are replayed on top of it).
// A subsystem changes its own state in the same synchronous step as its appendAux (not after an await):
// a snapshot taken in between would hold the record in neither its segments nor its state.
// Values replayed for a kind nobody has registered yet are held, handed over on registration, and kept
// as they are by snapshots, so a subsystem that starts after the room data loses nothing.

export type AuxReplay = (value: unknown) => void;
/** Called synchronously; return values as of now (an array, or an iterable over a copy). */
export type AuxSnapshot = () => Iterable<unknown>;

export interface AuxHandlers {
  readonly replay: AuxReplay;
  readonly snapshot: AuxSnapshot;
}

/** Kinds are journaled as str16; keep them short, e.g. "federation.pending-txn". */
const MAX_KIND_BYTES = 255;

export class AuxRegistry {
  readonly #kinds = new Map<string, AuxHandlers>();
  readonly #held = new Map<string, unknown[]>();

  register(kind: string, handlers: AuxHandlers): void {
    if (kind.length === 0 || Buffer.byteLength(kind) > MAX_KIND_BYTES) throw new RangeError(`aux kind must be 1–${MAX_KIND_BYTES} bytes: ${kind}`);
    if (this.#kinds.has(kind)) throw new Error(`aux kind ${kind} is already registered`);
    this.#kinds.set(kind, handlers);
    const held = this.#held.get(kind);
    if (held === undefined) return;
    this.#held.delete(kind);
    for (const v of held) handlers.replay(v);
  }

  has(kind: string): boolean {
    return this.#kinds.has(kind);
  }

  /** Replay: to the kind's handler, or held until it registers. */
  deliver(kind: string, value: unknown): void {
    const h = this.#kinds.get(kind);
    if (h !== undefined) return h.replay(value);
    const held = this.#held.get(kind);
    if (held === undefined) this.#held.set(kind, [value]);
    else held.push(value);
  }

  /** Every kind's values as of now, for a snapshot. */
  capture(): Array<readonly [kind: string, values: readonly unknown[]]> {
    const out: Array<readonly [string, readonly unknown[]]> = [];
    for (const [kind, h] of this.#kinds) out.push([kind, Array.from(h.snapshot())]);
    for (const [kind, values] of this.#held) out.push([kind, values.slice()]);
    return out;
  }

  /** Kinds with values waiting for a handler. */
  heldKinds(): string[] {
    return [...this.#held.keys()];
  }
}
