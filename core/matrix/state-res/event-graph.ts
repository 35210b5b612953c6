// The auth-event graph of one resolution: event ids interned to dense integers, auth edges resolved once.
import type { Event } from '../pdu.ts';
import { stateKeyOf } from './state-key.ts';
import type { ResolveContext, StateKey } from './types.ts';

const UNKNOWN = -1;

/**
 * Lazily interns the events one resolution touches. Node n is `ids[n]`; `auth(n)` lists the nodes of n's
 * auth_events (deduplicated; ids the context cannot find are dropped). Everything is memoised for the life of
 * one `resolveState` call, so each event is fetched, and each auth list resolved, at most once.
 *
 * Fast path trade-off: node-indexed plain arrays instead of Maps keyed by event id make the graph walks
 * (auth chains, subgraph, Kahn) integer work, at the price of holding every touched event until the call ends.
 */
export class EventGraph {
  /** Event id of each node. */
  readonly ids: string[] = [];
  readonly #events: Event[] = [];
  readonly #index = new Map<string, number>();
  readonly #auth: (readonly number[] | undefined)[] = [];
  readonly #keys: (StateKey | null | undefined)[] = [];
  /** 0 = not asked yet, 1 = rejected, 2 = accepted. */
  readonly #rejected: number[] = [];
  readonly #getEvent: ResolveContext['getEvent'];
  readonly #isRejected: ResolveContext['isRejected'];

  constructor(ctx: Pick<ResolveContext, 'getEvent' | 'isRejected'>) {
    this.#getEvent = ctx.getEvent;
    this.#isRejected = ctx.isRejected;
  }

  /** Number of interned nodes (node ids are 0 … size−1). */
  get size(): number {
    return this.ids.length;
  }

  /** The node of an event id, or −1 if the context does not have that event. */
  node(id: string): number {
    const known = this.#index.get(id);
    if (known !== undefined) return known;
    const event = this.#getEvent(id);
    if (event === undefined) {
      this.#index.set(id, UNKNOWN);
      return UNKNOWN;
    }
    const n = this.ids.length;
    this.ids.push(id);
    this.#events.push(event);
    this.#auth.push(undefined);
    this.#keys.push(undefined);
    this.#rejected.push(0);
    this.#index.set(id, n);
    return n;
  }

  event(n: number): Event {
    return this.#events[n]!;
  }

  /** The nodes of n's auth_events, in the order the event lists them, without duplicates or unknown ids. */
  auth(n: number): readonly number[] {
    const cached = this.#auth[n];
    if (cached !== undefined) return cached;
    const ids = this.#events[n]!.pdu.auth_events;
    const out: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      const a = this.node(ids[i]!);
      if (a !== UNKNOWN && !out.includes(a)) out.push(a);
    }
    this.#auth[n] = out;
    return out;
  }

  /** The state map key of node n, or null if it is not a state event. */
  key(n: number): StateKey | null {
    const cached = this.#keys[n];
    if (cached !== undefined) return cached;
    const pdu = this.#events[n]!.pdu;
    const key = typeof pdu.state_key === 'string' ? stateKeyOf(pdu.type, pdu.state_key) : null;
    this.#keys[n] = key;
    return key;
  }

  /** Whether the event was rejected against its auth chain (the context's `isRejected`). */
  rejected(n: number): boolean {
    const r = this.#rejected[n]!;
    if (r !== 0) return r === 1;
    const yes = this.#isRejected !== undefined && this.#isRejected(this.ids[n]!);
    this.#rejected[n] = yes ? 1 : 2;
    return yes;
  }
}
