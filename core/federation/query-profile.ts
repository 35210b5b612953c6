// GET /_matrix/federation/v1/query/profile?user_id=&field= — server-server-api §Querying for information
// (GET /query/profile)
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { invalidParam, notFound } from '../matrix/errors.ts';
import { parseUserId } from '../matrix/ids.ts';
import { stringParam } from './query-params.ts';

/**
 * A local user's public profile: `{displayname}` (our users have no avatar or time zone). With `field`, only
 * that field: `displayname` or `avatar_url` (null when unset, which the spec allows); any other field is 404
 * M_NOT_FOUND ("the queried field does not exist"). A malformed user id (Complement's `@user1:localhost:http`)
 * or a user of another server is 400 M_INVALID_PARAM (Synapse: 400); an unknown local user is 404 M_NOT_FOUND.
 */
export function queryProfileRoute(ctx: ServerContext): Route {
  return {
    method: 'GET',
    path: '/_matrix/federation/v1/query/profile',
    auth: 'x-matrix',
    handle(req) {
      const userId = stringParam(req, 'user_id');
      const parts = parseUserId(userId);
      if (parts === undefined) throw invalidParam(`${JSON.stringify(userId)} is not a valid user id`);
      if (parts.serverName !== ctx.serverName) throw invalidParam(`user ${userId} is not hosted on this server`);
      const user = ctx.directory.user(userId);
      if (user === undefined) throw notFound(`user ${userId} does not exist`);
      const field = req.query().get('field');
      if (field === null || field === '') return { json: user.displayname === null ? {} : { displayname: user.displayname } };
      if (field === 'displayname') return { json: { displayname: user.displayname } };
      if (field === 'avatar_url') return { json: { avatar_url: null } };
      throw notFound(`user ${userId} has no profile field ${JSON.stringify(field)}`);
    },
  };
}
