// SRV lookup for federation (server-server-api §Resolving server names, steps 3, 4 and 5) and RFC 2782 target choice.
import type { SrvRecord } from 'node:dns';

export type SrvLookup = (name: string) => Promise<SrvRecord[]>;

export interface SrvTarget {
  /** Target hostname (to be resolved with AAAA/A), without a trailing dot. */
  target: string;
  port: number;
  /** The SRV name that answered, e.g. `_matrix-fed._tcp.example.org`. */
  service: string;
}

/**
 * Looks up `_matrix-fed._tcp.<host>`, then the deprecated `_matrix._tcp.<host>`.
 * Any lookup error (NXDOMAIN, NODATA, SERVFAIL, timeout) counts as "no record": the spec only says
 * what to do when no SRV record is found, and the next step (port 8448) is the natural fallback.
 */
export async function lookupFederationSrv(
  resolveSrv: SrvLookup,
  host: string,
  random: () => number = Math.random,
): Promise<SrvTarget | null> {
  for (const service of [`_matrix-fed._tcp.${host}`, `_matrix._tcp.${host}`]) {
    let records: SrvRecord[];
    try {
      records = await resolveSrv(service);
    } catch {
      continue;
    }
    const chosen = pickSrvRecord(records, random);
    if (chosen) return { target: chosen.name.replace(/\.$/, ''), port: chosen.port, service };
  }
  return null;
}

/**
 * RFC 2782 selection of one record: lowest priority wins; within it, weighted random choice.
 * A target of "." means "service not available here" and is skipped.
 * Trade-off: returns one target only; trying the others after a connection failure is left to a retry.
 */
export function pickSrvRecord(records: readonly SrvRecord[], random: () => number): SrvRecord | null {
  const usable = records.filter((r) => r.name !== '' && r.name !== '.');
  if (usable.length === 0) return null;
  const best = Math.min(...usable.map((r) => r.priority));
  const group = usable.filter((r) => r.priority === best);
  const total = group.reduce((sum, r) => sum + r.weight, 0);
  if (total === 0) return group[Math.floor(random() * group.length)] ?? group[0]!;
  let pick = random() * total;
  for (const r of group) {
    pick -= r.weight;
    if (pick < 0) return r;
  }
  return group[group.length - 1]!;
}
