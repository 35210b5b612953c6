// POST /_matrix/federation/v1/user/keys/query — server-server-api §End-to-End Encryption
import type { Route } from '../http/route.ts';
import { badJson } from '../matrix/errors.ts';
import { parseUserId } from '../matrix/ids.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Our users have no devices (no client API): every local user asked about gets an empty device map. */
export function userKeysQueryRoute(serverName: string): Route {
  return {
    method: 'POST',
    path: '/_matrix/federation/v1/user/keys/query',
    auth: 'x-matrix',
    handle(req) {
      const body = req.json();
      if (!isObject(body.device_keys)) throw badJson('device_keys must be an object of user id → device ids');
      const deviceKeys: Record<string, Record<string, never>> = {};
      for (const [userId, devices] of Object.entries(body.device_keys)) {
        if (!Array.isArray(devices) || !devices.every((d) => typeof d === 'string')) {
          throw badJson(`device_keys.${userId} must be a list of device ids`);
        }
        if (parseUserId(userId)?.serverName === serverName) deviceKeys[userId] = {};
      }
      return { json: { device_keys: deviceKeys } };
    },
  };
}
