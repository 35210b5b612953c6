// GET /_matrix/federation/v1/user/devices/{userId} — server-server-api §Device Management
import type { Route } from '../http/route.ts';
import { invalidParam } from '../matrix/errors.ts';
import { parseUserId } from '../matrix/ids.ts';

/**
 * Fluctlight has no client API, so its users never have devices: the answer for a local user is an empty
 * device list at stream position 0 (no cross-signing keys either).
 */
export function userDevicesRoute(serverName: string): Route {
  return {
    method: 'GET',
    path: '/_matrix/federation/v1/user/devices/:userId',
    auth: 'x-matrix',
    handle(req) {
      const userId = req.params[0]!;
      const parts = parseUserId(userId);
      if (!parts) throw invalidParam(`"${userId}" is not a valid user id`);
      if (parts.serverName !== serverName) throw invalidParam(`${userId} is not a user of this server`);
      return { json: { user_id: userId, stream_id: 0, devices: [] } };
    },
  };
}
