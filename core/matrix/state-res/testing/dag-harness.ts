// Test support: builds a room DAG node by node the way Synapse's state tests do, resolving state at each merge.
import { authTypesFor } from '../../event-auth/check-auth.ts';
import type { Event, Pdu } from '../../pdu.ts';
import type { RoomVersionRules } from '../../room-versions.ts';
import { resolveState } from '../resolve.ts';
import { stateKeyOf } from '../state-key.ts';
import { lexicographicalTopologicalSort } from '../topological-sort.ts';
import type { StateKey } from '../types.ts';
import { EventStore, toEvent } from './fixture-events.ts';

/** A node of the DAG before it becomes an event: its auth_events, prev_events and timestamp are assigned. */
export interface NodeSpec {
  id: string;
  sender: string;
  type: string;
  key?: string;
  content: Record<string, unknown>;
}

export interface DagRun {
  readonly store: EventStore;
  /** The state after each node (by node id). */
  readonly stateAfter: ReadonlyMap<string, ReadonlyMap<StateKey, string>>;
  /** The event id of a node. */
  eventId(node: string): string;
}

/**
 * Processes the nodes in lexicographically smallest topological order of the prev edges (`chains`: each list
 * is a chain of prev_events links, [A, B, C] meaning A → B → C). For each node: the state before it is
 * nothing (no prev), its prev's state (one) or the resolution of its prevs' states (several); its auth_events
 * are the `authTypesFor` keys present in that state; its origin_server_ts is a counter increased once per node;
 * the state after it is the state before plus the node if it is a state event (no auth check, as in Synapse's
 * harness). Event ids are '$' + node id; in v12 the room id is '!' + the create node's id.
 */
export function runDag(rules: RoomVersionRules, nodes: readonly NodeSpec[], chains: readonly (readonly string[])[]): DagRun {
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const prevs: number[][] = nodes.map(() => []);
  for (const chain of chains) {
    for (let i = 0; i + 1 < chain.length; i++) {
      const from = index.get(chain[i]!)!;
      const to = index.get(chain[i + 1]!)!;
      if (!prevs[from]!.includes(to)) prevs[from]!.push(to);
    }
  }
  const create = nodes.find((n) => n.type === 'm.room.create');
  const roomId = rules.roomIdFromCreateEvent ? '!' + (create?.id ?? 'CREATE') : '!test:example.com';
  const store = new EventStore();
  const ctx = store.context(rules);
  const stateAfter = new Map<string, Map<StateKey, string>>();
  let ts = 0;
  const order = lexicographicalTopologicalSort(nodes.length, (i) => prevs[i]!, (a, b) => nodes[a]!.id < nodes[b]!.id);
  for (const i of order) {
    const node = nodes[i]!;
    const parents = prevs[i]!.map((p) => stateAfter.get(nodes[p]!.id)!);
    const before = parents.length === 0 ? new Map() : parents.length === 1 ? new Map(parents[0]) : resolveState(ctx, parents);
    const draft: Pdu = {
      sender: node.sender,
      origin_server_ts: ts,
      type: node.type,
      content: node.content,
      prev_events: prevs[i]!.map((p) => '$' + nodes[p]!.id),
      auth_events: [],
      depth: 0,
      hashes: { sha256: '' },
      signatures: {},
    };
    if (node.key !== undefined) draft.state_key = node.key;
    const auth: string[] = [];
    for (const [type, stateKey] of authTypesFor(rules, draft)) {
      const id = before.get(stateKeyOf(type, stateKey));
      if (id !== undefined) auth.push(id);
    }
    const isCreate = node.type === 'm.room.create';
    const event: Event = toEvent({
      id: '$' + node.id,
      ...(isCreate && rules.roomIdFromCreateEvent ? {} : { room: roomId }),
      sender: node.sender,
      type: node.type,
      ...(node.key === undefined ? {} : { key: node.key }),
      content: node.content,
      ts: ts++,
      prev: draft.prev_events,
      auth,
    });
    store.add(event);
    const after = new Map(before);
    if (node.key !== undefined) after.set(stateKeyOf(node.type, node.key), event.eventId);
    stateAfter.set(node.id, after);
  }
  return { store, stateAfter, eventId: (node) => '$' + node };
}
