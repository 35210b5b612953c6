// Server ACLs (client-server §Server Access Control Lists, `m.room.server_acl`; server-server §Server ACLs):
// whether a server may take part in a room. Leaf module.

export interface ServerAcl {
  /** True when `serverName` (with or without a port) may participate. */
  allows(serverName: string): boolean;
}

/** No ACL event in the room: everyone may participate. */
export const ALLOW_ALL: ServerAcl = { allows: () => true };

/** `*` matches any run of characters, `?` exactly one; matching ignores case (spec v1.19). */
function globToRegExp(glob: string): RegExp {
  let re = '';
  for (const ch of glob) re += ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${re}$`, 'is');
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** The host part of a server name: the port is not considered by ACLs. */
function hostOf(serverName: string): string {
  if (serverName.startsWith('[')) {
    const close = serverName.indexOf(']');
    return close < 0 ? serverName : serverName.slice(0, close + 1);
  }
  const colon = serverName.lastIndexOf(':');
  return colon < 0 ? serverName : serverName.slice(0, colon);
}

/** Builds the check from an `m.room.server_acl` content. Malformed entries (non-strings) are ignored. */
export function serverAcl(content: Record<string, unknown>): ServerAcl {
  const globs = (v: unknown) => (Array.isArray(v) ? v.filter((g): g is string => typeof g === 'string').map(globToRegExp) : []);
  const allow = globs(content.allow);
  const deny = globs(content.deny);
  const allowIpLiterals = content.allow_ip_literals !== false;
  return {
    allows(serverName) {
      const host = hostOf(serverName);
      // 1. An IP literal when allow_ip_literals is false is denied.
      if (!allowIpLiterals && (IPV4.test(host) || host.startsWith('['))) return false;
      // 2. A match in deny is denied; 3. then a match in allow is allowed; 4. anything else is denied.
      if (deny.some((re) => re.test(host))) return false;
      return allow.some((re) => re.test(host));
    },
  };
}
