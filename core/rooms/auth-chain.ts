// The auth chain of events (server-server-api §Auth chain: the auth events, their auth events, and so on),
// for /event_auth, /state and /send_join responses. Iterative; reads the stored fields, no parsing.
import type { EngineContext } from './engine-context.ts';

/** Every event in the auth chains of `eventIds` (the given events themselves only if one authorises another). Unknown ids are skipped. */
export function authChain(ctx: EngineContext, eventIds: Iterable<string>): string[] {
  const store = ctx.store();
  const seen = new Set<string>();
  const stack: string[] = [];
  for (const id of eventIds) {
    const e = store.get(id);
    if (e !== undefined) stack.push(...e.authEvents);
  }
  const out: string[] = [];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const e = store.get(id);
    if (e === undefined) continue;
    out.push(id);
    for (const a of e.authEvents) if (!seen.has(a)) stack.push(a);
  }
  return out;
}
