// Starts the contenders of a load scenario: one Fluctlight per experiment, uws-hello, Synapse, or a URL.
import { call } from '../../lib/http.ts';
import type { Contender } from '../../lib/scenario.ts';
import { startFluctlight } from './fluctlight.ts';
import { startSynapse } from './synapse.ts';
import { startUwsHello } from './uws-hello-target.ts';

export { startFluctlight, startSynapse, startUwsHello };

/** The hello world's body size when no Fluctlight runs to measure ours (a 5-digit port server name). */
export const DEFAULT_HELLO_BODY_BYTES = 313;

/** A server we did not start: no pid, so no peak RSS or CPU time. */
export function urlContender(origin: string): Contender {
  return {
    target: origin, experiment: null, label: origin, origin, adminOrigin: null, pid: null, cpus: null,
    slots: async () => ({}), peakRss: () => 0, stop: async () => {},
  };
}

export interface StartPlan {
  readonly root: string;
  readonly targets: readonly string[];
  readonly experiments: readonly string[];
  readonly serverCpus: string | null;
  /** Called with each started contender, so the runner can stop it on Ctrl-C. */
  readonly started: (c: Contender) => void;
  readonly log: (line: string) => void;
}

export interface Started {
  readonly contenders: Contender[];
  /** target label → why it could not be started. */
  readonly failed: { label: string; error: string }[];
}

/**
 * Fluctlight contenders start first (one per experiment), so uws-hello can answer with a body the size of
 * their key response. A target that fails to start is reported, and the others still run.
 */
export async function startContenders(p: StartPlan): Promise<Started> {
  const contenders: Contender[] = [];
  const failed: { label: string; error: string }[] = [];
  const order = [...p.targets].sort((a, b) => Number(b === 'fluctlight') - Number(a === 'fluctlight'));
  let keyBytes: number | null = null;
  for (const t of order) {
    const jobs: [string, () => Promise<Contender>][] =
      t === 'fluctlight' ? p.experiments.map((e) => [`fluctlight@${e}`, () => startFluctlight(p.root, e, p.serverCpus)])
      : t === 'uws-hello' ? [['uws-hello', () => startUwsHello(p.root, keyBytes ?? DEFAULT_HELLO_BODY_BYTES, p.serverCpus)]]
      : t === 'synapse' ? [['synapse', () => startSynapse(p.serverCpus)]]
      : [[t, async () => urlContender(t)]];
    for (const [label, start] of jobs) {
      p.log(`starting ${label}`);
      try {
        const c = await start();
        p.started(c);
        contenders.push(c);
        if (c.target === 'fluctlight' && keyBytes === null) {
          const r = await call(`${c.origin}/_matrix/key/v2/server`);
          keyBytes = Buffer.byteLength(r.body);
        }
      } catch (e) {
        failed.push({ label, error: (e as Error).message });
      }
    }
  }
  return { contenders, failed };
}
