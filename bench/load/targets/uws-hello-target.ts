// The uws-hello reference as a load target: bench/load/uws-hello.ts in a child process on a free port.
import { statusBytes, freePort } from '../../lib/proc.ts';
import type { Contender } from '../../lib/scenario.ts';
import { spawnServer } from './child-server.ts';

export async function startUwsHello(root: string, bodyBytes: number, cpus: string | null): Promise<Contender> {
  const port = await freePort();
  const origin = `https://127.0.0.1:${port}`;
  const s = await spawnServer({
    cmd: process.execPath,
    args: ['--import', 'tsx', 'bench/load/uws-hello.ts', '--port', String(port), '--body-bytes', String(bodyBytes)],
    cwd: root, cpus, readyUrl: `${origin}/_matrix/key/v2/server`, readyTimeoutMs: 30_000,
  });
  let peak = 0;
  return {
    target: 'uws-hello', experiment: null, label: 'uws-hello', origin, adminOrigin: null, pid: s.pid, cpus,
    slots: async () => ({}),
    peakRss: () => (peak = Math.max(peak, statusBytes(s.pid, 'VmHWM') ?? 0)),
    async stop() {
      peak = Math.max(peak, statusBytes(s.pid, 'VmHWM') ?? 0);
      await s.stop();
    },
  };
}
