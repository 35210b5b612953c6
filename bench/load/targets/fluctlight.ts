// Fluctlight as a load target: core/main.ts in a child process on free ports, a scratch data dir, a pinned
// experiment, no plugin watcher.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getJson } from '../../lib/http.ts';
import { freePort, statusBytes } from '../../lib/proc.ts';
import type { Contender } from '../../lib/scenario.ts';
import { spawnServer } from './child-server.ts';

interface LabStatus {
  slots: Record<string, { impl: string; available: string[] }>;
}

/** Extra node flags for the server, e.g. FLUCTLIGHT_BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile it under load. */
function serverNodeArgs(): string[] {
  return (process.env.FLUCTLIGHT_BENCH_NODE_ARGS ?? '').split(/\s+/).filter((a) => a !== '');
}

export async function startFluctlight(root: string, experiment: string, cpus: string | null): Promise<Contender> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fl-bench-'));
  const port = await freePort();
  let adminPort = await freePort();
  while (adminPort === port) adminPort = await freePort();
  const origin = `https://127.0.0.1:${port}`;
  const adminOrigin = `http://127.0.0.1:${adminPort}`;
  let server;
  try {
    server = await spawnServer({
      cmd: process.execPath,
      args: [...serverNodeArgs(), '--import', 'tsx', 'core/main.ts', '--server-name', `127.0.0.1:${port}`, '--federation-port', String(port),
        '--admin-port', String(adminPort), '--data-dir', dataDir, '--experiment', experiment,
        '--federation-tls-verify', 'false', '--no-watch'],
      cwd: root, cpus, readyUrl: `${origin}/_matrix/key/v2/server`, readyTimeoutMs: 90_000,
    });
  } catch (e) {
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  const s = server;
  let peak = 0;
  return {
    target: 'fluctlight', experiment, label: `fluctlight@${experiment}`, origin, adminOrigin, pid: s.pid, cpus,
    async slots() {
      const st = await getJson<LabStatus>(`${adminOrigin}/_lab/status`);
      return Object.fromEntries(Object.entries(st.slots).map(([k, v]) => [k, v.impl]));
    },
    peakRss: () => (peak = Math.max(peak, statusBytes(s.pid, 'VmHWM') ?? 0)),
    async stop() {
      peak = Math.max(peak, statusBytes(s.pid, 'VmHWM') ?? 0);
      await s.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
