// GET /_matrix/key/v2/query/{serverName} — server-server-api §Querying Keys Through Another Server
import type { Route } from '../http/route.ts';
import { invalidParam } from '../matrix/errors.ts';
import { isValidServerName } from '../matrix/ids.ts';
import type { Notary } from './notary.ts';

export function keyQueryRoute(notary: Notary, now: () => number = Date.now): Route {
  return {
    method: 'GET',
    path: '/_matrix/key/v2/query/:serverName',
    auth: 'none',
    async handle(req) {
      const server = req.params[0]!;
      if (!isValidServerName(server)) throw invalidParam(`"${server}" is not a valid server name`);
      const raw = req.query().get('minimum_valid_until_ts');
      let minimum = now();
      if (raw !== null) {
        if (!/^\d{1,16}$/.test(raw)) throw invalidParam('minimum_valid_until_ts must be an integer (ms since the epoch)');
        minimum = Number(raw);
      }
      return { json: { server_keys: await notary.query(server, minimum) } };
    },
  };
}
