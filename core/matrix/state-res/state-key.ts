// Encoding of a (type, state_key) pair as one string key for state maps (see StateKey in types.ts).
import type { StateKey } from './types.ts';

/** The separator between type and state_key: NUL, which sorts before every other code unit. */
export const STATE_KEY_SEPARATOR = '\u0000';

/** The state map key of (type, state_key). */
export function stateKeyOf(type: string, stateKey: string): StateKey {
  return type + STATE_KEY_SEPARATOR + stateKey;
}

/** The (type, state_key) pair of a state map key. The type never contains NUL, so the first NUL splits. */
export function splitStateKey(key: StateKey): [type: string, stateKey: string] {
  const i = key.indexOf(STATE_KEY_SEPARATOR);
  if (i < 0) throw new TypeError('not a state map key (no NUL separator)');
  return [key.slice(0, i), key.slice(i + 1)];
}

/** Well-known keys the algorithm looks at. */
export const CREATE_KEY: StateKey = stateKeyOf('m.room.create', '');
export const POWER_LEVELS_KEY: StateKey = stateKeyOf('m.room.power_levels', '');
