// The state-resolution API types: state maps keyed by an encoded (type, state_key) pair, and the resolve context.
import type { Event } from '../pdu.ts';
import type { RoomVersionRules } from '../room-versions.ts';

/**
 * A state map key: the pair (event type, state_key) encoded as one string, `type + '\u0000' + state_key`
 * (see `stateKeyOf` / `splitStateKey` in state-key.ts). NUL cannot appear in an event type or a state_key that
 * passed canonical-JSON checks in any real room, and it sorts before every other code unit, so the encoding is
 * injective and sorting the encoded keys sorts by type first, then state_key.
 */
export type StateKey = string;

/** A room state: state key → event id. */
export type StateMap = ReadonlyMap<StateKey, string>;

/** What `resolveState` needs from its caller. */
export interface ResolveContext {
  /** The rules of the room's version (`stateRes` picks v2 or v2.1; `privilegedCreators` gives creators 2^53). */
  rules: RoomVersionRules;
  /**
   * Every event the algorithm touches: the events of the input states and their auth chains (in room v12 also
   * the create event, found as '$' + room_id without its '!'). An id it cannot find is treated as absent:
   * dropped from the conflicted set and skipped as an auth event.
   */
  getEvent(id: string): Event | undefined;
  /**
   * Events rejected against their auth chain. They are never replayed and never used as auth events
   * (spec: rooms/v2 "Rejected events"). Events soft-failed or rejected only against the state at the event
   * must answer false here: they take part normally.
   */
  isRejected?(id: string): boolean;
  /** Optional: receives the sizes of the sets the resolution used (for logging and the lab). */
  trace?(stats: ResolveStats): void;
}

/** Set sizes of one resolution, in the spirit of the line MSC4297 quotes from Synapse. */
export interface ResolveStats {
  readonly algorithm: 'v2' | 'v2.1';
  /** Events in the conflicted state set. */
  readonly conflicted: number;
  /** Events in the auth difference. */
  readonly authDifference: number;
  /** Events in the conflicted state subgraph (v2.1 only, else 0). */
  readonly conflictedSubgraph: number;
  /** Events of the full conflicted set that were replayed. */
  readonly fullConflicted: number;
  /** Power events and their in-set auth ancestors, replayed in step 2. */
  readonly powerEvents: number;
  /** The other events, replayed in step 4 by mainline order. */
  readonly otherEvents: number;
}
