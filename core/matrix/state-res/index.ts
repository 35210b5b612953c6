// State resolution v2 / v2.1: the public exports, listed by name.
export type { ResolveContext, ResolveStats, StateKey, StateMap } from './types.ts';
export { resolveState } from './resolve.ts';
export { stateKeyOf, splitStateKey, STATE_KEY_SEPARATOR } from './state-key.ts';
export { CREATOR_POWER_LEVEL, isPowerEvent } from './power-events.ts';
