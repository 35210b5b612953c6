// Measured joins: several send_join calls one after another into a big room (the answer's time to last byte,
// and its size), and a join storm (many users of the fake servers joining at once, make_join + send_join).
import { newHistogram, percentiles, recordMs, type Percentiles } from './histogram.ts';
import type { FakeServer } from './fake-server.ts';
import { failure, prepareJoin, sendJoin, type SendJoinAnswer } from './joins.ts';
import type { RoomView } from './room-view.ts';

export interface TimedJoins {
  /** One per join, ms from sending the signed join to the answer's last byte. */
  readonly sendJoinMs: number[];
  readonly makeJoinMs: number[];
  readonly responseBytes: number[];
  /** Joined members in each answer's state (checked ≥ the members the room had, unless members were omitted). */
  readonly stateMembers: number[];
  /** Each answer's `members_omitted`. */
  readonly membersOmitted: boolean[];
}

/**
 * `count` joins of new users, the servers taking turns, each answer parsed (after its timing) and checked.
 * `omitMembers`: ask for the partial answer (no member events but the heroes').
 */
export async function timedJoins(servers: readonly FakeServer[], view: RoomView, count: number, omitMembers = false): Promise<TimedJoins> {
  const out: TimedJoins = { sendJoinMs: [], makeJoinMs: [], responseBytes: [], stateMembers: [], membersOmitted: [] };
  for (let i = 0; i < count; i++) {
    const server = servers[i % servers.length]!;
    const user = server.newUser('t');
    const j = await prepareJoin(server, view.roomId, user);
    const { reply, ms } = await sendJoin(server, view.roomId, j.event, omitMembers);
    if (reply.status !== 200) throw failure(`send_join ${user}`, reply);
    const answer = JSON.parse(reply.body.toString('utf8')) as SendJoinAnswer;
    out.sendJoinMs.push(ms);
    out.makeJoinMs.push(j.makeJoinMs);
    out.responseBytes.push(reply.body.length);
    out.stateMembers.push(answer.state.filter((p) => p.type === 'm.room.member' && (p.content as { membership?: unknown })?.membership === 'join').length);
    out.membersOmitted.push(answer.members_omitted === true);
    view.accept(j.event);
  }
  return out;
}

export interface StormResult {
  readonly joined: number;
  readonly errors: number;
  readonly errorSamples: string[];
  readonly elapsedMs: number;
  readonly joinsPerS: number;
  /** make_join + sign + send_join, per join. */
  readonly joinMs: Percentiles;
  readonly sendJoinMs: Percentiles;
  readonly makeJoinMs: Percentiles;
}

/**
 * `count` new users join at once, `concurrency` joins in flight (spread over the servers). Templates fetched
 * concurrently share prev_events, so the joins fork the room's DAG: the target resolves state as they arrive.
 */
export async function joinStorm(servers: readonly FakeServer[], roomId: string, count: number, concurrency: number): Promise<StormResult> {
  const join = newHistogram();
  const send = newHistogram();
  const make = newHistogram();
  const samples: string[] = [];
  let next = 0;
  let joined = 0;
  let errors = 0;
  const t0 = performance.now();
  const worker = async (w: number) => {
    const server = servers[w % servers.length]!;
    while (next < count) {
      next++;
      const user = server.newUser('s');
      const start = performance.now();
      try {
        const j = await prepareJoin(server, roomId, user);
        const { reply, ms } = await sendJoin(server, roomId, j.event);
        if (reply.status !== 200) throw failure(`send_join ${user}`, reply);
        recordMs(join, performance.now() - start);
        recordMs(send, ms);
        recordMs(make, j.makeJoinMs);
        joined++;
      } catch (e) {
        errors++;
        const m = (e as Error).message.slice(0, 300);
        if (samples.length < 10 && !samples.includes(m)) samples.push(m);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const elapsedMs = performance.now() - t0;
  return { joined, errors, errorSamples: samples, elapsedMs, joinsPerS: joined / (elapsedMs / 1000), joinMs: percentiles(join), sendJoinMs: percentiles(send), makeJoinMs: percentiles(make) };
}
