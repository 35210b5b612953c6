// Test support: an auth DAG of bare state events given as { id: [auth event ids] }.
import { EventGraph } from '../event-graph.ts';
import { EventStore, toEvent } from './fixture-events.ts';

/** Interns every event of `graph` (each a state event of its own type) and names nodes back to ids. */
export function bareGraph(graph: Record<string, string[]>): { g: EventGraph; nodes: (ids: string[]) => number[]; names: (ns: number[]) => string[] } {
  const store = new EventStore();
  for (const [id, auth] of Object.entries(graph)) {
    store.add(toEvent({ id, room: '!r:x', sender: '@u:x', type: 'test.' + id, key: '', content: {}, ts: 0, prev: [], auth }));
  }
  const g = new EventGraph({ getEvent: (id) => store.events.get(id) });
  return {
    g,
    nodes: (ids) => ids.map((id) => g.node(id)),
    names: (ns) => ns.map((n) => g.ids[n]!).sort(),
  };
}
