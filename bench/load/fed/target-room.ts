// Creating the room the fake servers join, on the server under test: a Fluctlight through its admin API
// (POST /_admin/rooms, public_chat), a Synapse through its client API (a registered user's /createRoom).
import { AdminClient } from '../../../core/admin/admin-client.ts';
import { SynapseClient } from '../../../scripts/interop/lib/synapse-client.ts';
import type { Contender } from '../../lib/scenario.ts';

export const ROOM_VERSION = '12';

/** The target's server name: its origin's host:port (every target we start is named 127.0.0.1:PORT). */
export function targetName(c: Contender): string {
  return new URL(c.origin).host;
}

/** Whether we know how to create a room on this target. */
export function canCreateRoom(c: Contender): string | null {
  if (c.adminOrigin !== null || c.target === 'synapse') return null;
  return `${c.label}: no way to create a room (needs the Fluctlight admin API or Synapse's client API)`;
}

/**
 * Whether the target's answer to /send means its PDUs are processed (Fluctlight: checked and durable). Synapse
 * only stages them (and prunes a room's staging queue at 100 events), and an unknown server may do the same:
 * the generator then waits for each transaction to be processed before the next (`gated`, protocol.ts).
 */
export function ackMeansProcessed(c: Contender): boolean {
  return c.target === 'fluctlight';
}

let rooms = 0;

/** A new public room of `version` created by a local user of the target; resolves to its id. */
export async function createTargetRoom(c: Contender, version = ROOM_VERSION): Promise<string> {
  const local = `bench${process.pid}x${++rooms}x${Date.now() % 1_000_000}`;
  if (c.adminOrigin !== null) {
    return new AdminClient(c.adminOrigin).createRoom({ creator: `@${local}:${targetName(c)}`, room_version: version, preset: 'public_chat' });
  }
  if (c.target === 'synapse') {
    const user = await new SynapseClient(c.origin, targetName(c)).register(local);
    return user.createRoom({ version, preset: 'public_chat' });
  }
  throw new Error(canCreateRoom(c)!);
}
