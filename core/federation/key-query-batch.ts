// POST /_matrix/key/v2/query — server-server-api §Querying Keys Through Another Server
import type { Route } from '../http/route.ts';
import { badJson } from '../matrix/errors.ts';
import { isValidServerName } from '../matrix/ids.ts';
import type { Notary } from './notary.ts';

/** More servers than this in one query is refused rather than fanned out. */
export const MAX_SERVERS_PER_QUERY = 100;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function keyQueryBatchRoute(notary: Notary, now: () => number = Date.now): Route {
  return {
    method: 'POST',
    path: '/_matrix/key/v2/query',
    auth: 'none',
    async handle(req) {
      const body = req.json();
      const servers = body.server_keys;
      if (!isObject(servers)) throw badJson('server_keys must be an object of server name → key criteria');
      const names = Object.keys(servers);
      if (names.length > MAX_SERVERS_PER_QUERY) throw badJson(`at most ${MAX_SERVERS_PER_QUERY} servers per query`);
      const t = now();
      const jobs = names.map((server) => {
        const criteria = servers[server];
        if (!isValidServerName(server)) throw badJson(`"${server}" is not a valid server name`);
        if (!isObject(criteria)) throw badJson(`server_keys.${server} must be an object of key id → criteria`);
        let minimum = t;
        for (const [keyId, c] of Object.entries(criteria)) {
          if (!isObject(c)) throw badJson(`server_keys.${server}.${keyId} must be an object`);
          const m = c.minimum_valid_until_ts;
          if (m !== undefined && !Number.isSafeInteger(m)) throw badJson(`server_keys.${server}.${keyId}.minimum_valid_until_ts must be an integer`);
          if (typeof m === 'number') minimum = Math.max(minimum, m);
        }
        return notary.query(server, minimum, Object.keys(criteria));
      });
      const results = await Promise.all(jobs);
      return { json: { server_keys: results.flat() } };
    },
  };
}
