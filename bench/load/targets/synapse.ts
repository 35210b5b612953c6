// Synapse as a load target, through the interop harness (scripts/interop/lib/synapse.ts: the shared peer
// scripts ../shared/peers/synapse/start.sh and stop.sh, a fresh instance on a free port, cleanup at exit).
// Its pid comes from the scripts' pid file, for peak RSS, CPU time and pinning (taskset on every thread).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SynapsePeer } from '../../../scripts/interop/lib/synapse.ts';
import { pinRunning, statusBytes } from '../../lib/proc.ts';
import type { Contender } from '../../lib/scenario.ts';

/** The pid start.sh recorded for instance `name` ($SYNAPSE_RUN/NAME.pid, as the scripts use). */
function synapsePid(name: string): number {
  const runDir = process.env.SYNAPSE_RUN ?? '/var/cache/synapse-peer/run';
  const pid = Number(readFileSync(join(runDir, `${name}.pid`), 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no pid for synapse ${name} in ${runDir}`);
  return pid;
}

export async function startSynapse(cpus: string | null): Promise<Contender> {
  if (process.getuid?.() !== 0) throw new Error('starting Synapse needs root (its start.sh uses chroot and mounts /proc)');
  const peer = await SynapsePeer.start({ name: `fl-bench-${process.pid}` });
  let pid: number;
  try {
    pid = synapsePid(peer.name);
  } catch (e) {
    await peer.dispose();
    throw e;
  }
  const pinnedTo = cpus !== null && pinRunning(pid, cpus) ? cpus : null;
  let peak = 0;
  return {
    target: 'synapse', experiment: null, label: 'synapse', origin: peer.url, adminOrigin: null, pid, cpus: pinnedTo,
    slots: async () => ({}),
    peakRss: () => (peak = Math.max(peak, statusBytes(pid, 'VmHWM') ?? 0)),
    async stop() {
      peak = Math.max(peak, statusBytes(pid, 'VmHWM') ?? 0);
      await peer.dispose();
    },
  };
}
