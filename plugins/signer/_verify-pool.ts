// A pool of worker threads that verify ed25519 signatures in batches: calls made in one turn of the event loop
// are packed into one buffer per worker (transferred, not copied) and answered with one byte each.
import { Worker } from 'node:worker_threads';
import { VERIFY_WORKER_SOURCE } from './_verify-worker.ts';

type Check = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean;

interface Job {
  readonly publicKey: Uint8Array;
  readonly message: Uint8Array;
  readonly signature: Uint8Array;
  readonly resolve: (ok: boolean) => void;
}

interface Lane {
  worker: Worker;
  readonly inflight: Map<number, Job[]>;
  jobs: number;
}

/** Per job: u32 message length, 32-byte key, 64-byte signature (then the message). */
const JOB_HEADER = 100;
/** A batch is sent as soon as it holds this many message bytes, without waiting for the end of the turn. */
const FLUSH_BYTES = 256 * 1024;
/** Below this many jobs per worker a batch is not split: one worker round trip beats several. */
const MIN_SHARE = 16;
/** A worker that keeps dying is replaced at most this many times in all; then its jobs run inline. */
const MAX_RESPAWNS = 8;

/** What the pool did since it started. */
export interface VerifyPoolStats {
  /** Verify threads running now. */
  readonly workers: number;
  /** Checks answered by a worker. */
  readonly verified_on_workers: number;
  /** Checks answered on the calling thread: no worker, closing, or a worker died with them. */
  readonly verified_inline: number;
  /** Batches posted to workers (checks per batch = verified_on_workers / batches). */
  readonly batches: number;
  readonly in_flight: number;
  readonly respawns: number;
}

export interface VerifyPool {
  readonly workers: number;
  stats(): VerifyPoolStats;
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean>;
  /** Answers everything queued or in flight, then stops the workers. */
  close(): Promise<void>;
}

/**
 * `workers` threads (0: every call is answered by `inline`, on this thread). `inline` also answers the jobs of
 * a worker that died. Trade-off: a call waits for the end of the current turn plus a worker round trip (tens of
 * microseconds), so this pays only with many verifications in flight and a free core. `source`: the worker
 * program (tests give one that dies).
 */
export function createVerifyPool(workers: number, inline: Check, source = VERIFY_WORKER_SOURCE): VerifyPool {
  let queue: Job[] = [];
  let queuedBytes = 0;
  let scheduled = false;
  let nextId = 1;
  let respawns = 0;
  let onWorkers = 0;
  let inlineCount = 0;
  let batches = 0;
  let closing = false;
  let drained: (() => void) | null = null;
  const lanes: Lane[] = [];

  function spawn(lane?: Lane): Lane {
    const worker = new Worker(source, { eval: true, name: 'fluctlight-verify' });
    const l: Lane = lane ?? { worker, inflight: new Map(), jobs: 0 };
    l.worker = worker;
    worker.on('message', (reply: { id: number; out: Uint8Array }) => {
      const jobs = l.inflight.get(reply.id);
      if (jobs === undefined) return;
      l.inflight.delete(reply.id);
      onWorkers += jobs.length;
      settle(l, jobs, (j, i) => reply.out[i] === 1);
    });
    worker.on('error', () => { /* followed by 'exit', handled there */ });
    worker.on('exit', () => {
      if (l.worker !== worker) return;
      const orphans = [...l.inflight.values()];
      l.inflight.clear();
      if (!closing && respawns < MAX_RESPAWNS) {
        respawns++;
        spawn(l);
      } else {
        const at = lanes.indexOf(l);
        if (at >= 0) lanes.splice(at, 1);
      }
      for (const jobs of orphans) {
        inlineCount += jobs.length;
        settle(l, jobs, (j) => inline(j.publicKey, j.message, j.signature));
      }
    });
    worker.unref(); // after the listeners: adding a 'message' listener refs the worker again
    return l;
  }

  function settle(lane: Lane, jobs: Job[], answer: (job: Job, i: number) => boolean): void {
    lane.jobs -= jobs.length;
    if (lane.jobs === 0) lane.worker.unref();
    jobs.forEach((j, i) => j.resolve(answer(j, i)));
    if (drained !== null && idle()) drained();
  }

  const idle = () => queue.length === 0 && lanes.every((l) => l.jobs === 0);

  function send(lane: Lane, jobs: Job[]): void {
    let bytes = 0;
    for (const j of jobs) bytes += JOB_HEADER + j.message.length;
    const buffer = new ArrayBuffer(bytes);
    const view = new DataView(buffer);
    const out = new Uint8Array(buffer);
    let p = 0;
    for (const j of jobs) {
      view.setUint32(p, j.message.length, true);
      out.set(j.publicKey, p + 4);
      out.set(j.signature, p + 36);
      out.set(j.message, p + JOB_HEADER);
      p += JOB_HEADER + j.message.length;
    }
    const id = nextId++;
    lane.inflight.set(id, jobs);
    if (lane.jobs === 0) lane.worker.ref(); // in-flight work keeps the process alive; an idle pool does not
    lane.jobs += jobs.length;
    lane.worker.postMessage({ id, buffer, count: jobs.length }, [buffer]);
    batches++;
  }

  function flush(): void {
    scheduled = false;
    const jobs = queue;
    queue = [];
    queuedBytes = 0;
    if (jobs.length === 0) return;
    if (lanes.length === 0) {
      inlineCount += jobs.length;
      for (const j of jobs) j.resolve(inline(j.publicKey, j.message, j.signature));
      if (drained !== null && idle()) drained();
      return;
    }
    const byLoad = [...lanes].sort((a, b) => a.jobs - b.jobs);
    const shares = Math.max(1, Math.min(byLoad.length, Math.floor(jobs.length / MIN_SHARE)));
    const per = Math.ceil(jobs.length / shares);
    for (let s = 0; s < shares; s++) send(byLoad[s]!, jobs.slice(s * per, (s + 1) * per));
  }

  for (let i = 0; i < workers; i++) lanes.push(spawn());

  return {
    workers,
    stats: () => ({
      workers: lanes.length, verified_on_workers: onWorkers, verified_inline: inlineCount, batches,
      in_flight: queue.length + lanes.reduce((n, l) => n + l.jobs, 0), respawns,
    }),
    verify(publicKey, message, signature) {
      if (publicKey.length !== 32 || signature.length !== 64) return Promise.resolve(false);
      if (closing) {
        inlineCount++;
        return Promise.resolve(inline(publicKey, message, signature));
      }
      return new Promise<boolean>((resolve) => {
        queue.push({ publicKey, message, signature, resolve });
        queuedBytes += JOB_HEADER + message.length;
        if (queuedBytes >= FLUSH_BYTES) flush();
        else if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    async close() {
      if (closing) return;
      closing = true;
      flush();
      if (!idle()) await new Promise<void>((resolve) => (drained = resolve));
      await Promise.all(lanes.map((l) => l.worker.terminate()));
    },
  };
}
