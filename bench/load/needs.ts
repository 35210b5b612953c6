// Checks a scenario's needs (bench/lib/scenario.ts, Need) against a started contender.
import { call } from '../lib/http.ts';
import type { Contender, Need } from '../lib/scenario.ts';

/** A route path with `:param` segments filled in for a probe. */
export function probePath(path: string): string {
  return path.replace(/:[A-Za-z_]+/g, 'fl-bench-probe');
}

/** Whether a probe answer means "no such route": 404/405 with M_UNRECOGNIZED, or a bare 404. */
export function isUnrecognized(status: number, body: string): boolean {
  if (status !== 404 && status !== 405) return false;
  if (status === 404 && !body.includes('"errcode"')) return true;
  return body.includes('M_UNRECOGNIZED');
}

/** Why `c` cannot run a scenario with these needs, or null when it can. */
export async function unmetNeed(c: Contender, needs: readonly Need[]): Promise<string | null> {
  for (const n of needs) {
    if (n.kind === 'lab-api') {
      if (c.adminOrigin === null) return `${c.label} has no lab API (needs a Fluctlight)`;
    } else {
      const method = n.method.toUpperCase();
      try {
        const r = await call(c.origin + probePath(n.path), { method, ...(method === 'GET' ? {} : { json: {} }), timeoutMs: 5_000 });
        if (isUnrecognized(r.status, r.body)) return `${c.label} does not serve ${method} ${n.path} yet`;
      } catch (e) {
        return `${c.label}: probing ${method} ${n.path} failed (${(e as Error).message})`;
      }
    }
  }
  return null;
}
