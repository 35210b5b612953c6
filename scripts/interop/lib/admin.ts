// Fluctlight's /_admin API for the interop suites: the typed client (core/admin/admin-client.ts) bound to a
// running FluctlightProcess, the room versions the room suites run for, and polls for what federation delivers.
import { AdminClient } from '../../../core/admin/admin-client.ts';
import type { FluctlightProcess } from './fluctlight.ts';
import type { SynapseUser, ClientEvent } from './synapse-client.ts';
import { waitFor, type WaitOptions } from './wait.ts';

export { AdminClient, AdminApiError, type AdminPdu, type AdminRoom, type AdminEvent, type AdminInvite } from '../../../core/admin/admin-client.ts';

/** The room versions of the "Done when" (10, 11, 12); `INTEROP_ROOM_VERSIONS=12` narrows a run. */
export const ROOM_VERSIONS: readonly string[] = (process.env.INTEROP_ROOM_VERSIONS ?? '10,11,12').split(',').map((v) => v.trim()).filter((v) => v !== '');

/** An admin client for the process's admin port (the port survives restarts, so one client serves them all). */
export function adminOf(f: FluctlightProcess): AdminClient {
  return new AdminClient(f.adminUrl);
}

/** Federation is asynchronous: the default wait for something to cross over. */
export const FEDERATION_WAIT: WaitOptions = { timeoutMs: 45_000, intervalMs: 250 };

/** Until every event id is in Fluctlight's timeline of the room (the newest `limit` events). */
export function waitForOurTimeline(admin: AdminClient, roomId: string, eventIds: readonly string[], what = 'events to reach Fluctlight', limit = 200): Promise<true> {
  return waitFor(`${what} (${eventIds.join(', ')})`, async () => {
    const have = new Set((await admin.messages(roomId, { limit })).events.map((e) => e.event_id));
    const missing = eventIds.filter((id) => !have.has(id));
    return missing.length === 0 ? true : false;
  }, FEDERATION_WAIT);
}

/** Until every event id is visible to a Synapse user in the room's /messages. */
export function waitForSynapseTimeline(user: SynapseUser, roomId: string, eventIds: readonly string[], what = 'events to reach Synapse', limit = 200): Promise<ClientEvent[]> {
  return waitFor(`${what} (${eventIds.join(', ')})`, async () => {
    const events = await user.messages(roomId, limit);
    const have = new Set(events.map((e) => e.event_id));
    return eventIds.every((id) => have.has(id)) ? events : false;
  }, FEDERATION_WAIT);
}

/** Until `user`'s membership in Fluctlight's current state of the room is `membership`. */
export function waitForOurMembership(admin: AdminClient, roomId: string, user: string, membership: string): Promise<true> {
  return waitFor(`${user} to be "${membership}" in ${roomId} on Fluctlight`, async () => {
    const e = await admin.stateEvent(roomId, 'm.room.member', user);
    return e?.content.membership === membership ? true : false;
  }, FEDERATION_WAIT);
}

/** Until Synapse's current state of the room has `user` with `membership` (as `viewer` sees it). */
export function waitForSynapseMembership(viewer: SynapseUser, roomId: string, user: string, membership: string): Promise<true> {
  return waitFor(`${user} to be "${membership}" in ${roomId} on Synapse`, async () => {
    const c = await viewer.getState(roomId, 'm.room.member', user);
    return c.membership === membership ? true : false;
  }, FEDERATION_WAIT);
}
