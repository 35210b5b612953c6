// Several room states → one StateId by state resolution (rooms/v2 §State resolution, v12 §v2.1), stored as a
// delta on one of the inputs so the result shares its structure.
import type { RoomVersionRules } from '../matrix/room-versions.ts';
import { resolveState, stateKeyOf, splitStateKey, type StateMap } from '../matrix/state-res/index.ts';
import type { StateChange, StateId } from '../slots/store.ts';
import type { EngineContext } from './engine-context.ts';
import { rejectedByAuthEvents } from './outcome.ts';

/**
 * The resolved state of `states` (deduplicated by the caller or not). One distinct input is returned as is.
 * Otherwise each input is read into a map (the only place the engine copies states: resolution needs whole
 * maps, as its auth difference walks the auth chains of every entry), resolved, and written as the changes
 * from the largest input. Results are cached by their sorted inputs, so the state before the next event and
 * the room's current state do not resolve the same fork twice.
 */
export function resolveStates(ctx: EngineContext, rules: RoomVersionRules, states: readonly StateId[]): StateId {
  // The usual case (branches that only add messages): one state under every input; no set, no sort.
  let same = true;
  for (let i = 1; i < states.length && same; i++) same = states[i] === states[0];
  if (same && states.length > 0) return states[0]!;
  const distinct = [...new Set(states)].sort((a, b) => a - b);
  if (distinct.length === 1) return distinct[0]!;
  const cacheKey = distinct.join(',');
  const cached = ctx.resolutions.get(cacheKey);
  if (cached !== undefined) return cached;

  const store = ctx.store();
  const maps: Map<string, string>[] = distinct.map((s) => {
    const m = new Map<string, string>();
    for (const [type, stateKey, id] of store.stateEntries(s)) m.set(stateKeyOf(type, stateKey), id);
    return m;
  });
  const resolved = resolveState(
    {
      rules,
      getEvent: (id) => ctx.event(id),
      isRejected: (id) => {
        const e = store.get(id);
        return e !== undefined && rejectedByAuthEvents(e);
      },
    },
    maps as StateMap[],
  );

  let base = 0;
  for (let i = 1; i < maps.length; i++) if (maps[i]!.size > maps[base]!.size) base = i;
  const baseMap = maps[base]!;
  const changes: StateChange[] = [];
  for (const [key, id] of resolved) {
    if (baseMap.get(key) !== id) changes.push([...splitStateKey(key), id]);
  }
  for (const key of baseMap.keys()) {
    if (!resolved.has(key)) changes.push([...splitStateKey(key), null]);
  }
  const result = changes.length === 0 ? distinct[base]! : ctx.data.newState(distinct[base]!, changes);
  ctx.resolutions.set(cacheKey, result);
  return result;
}
