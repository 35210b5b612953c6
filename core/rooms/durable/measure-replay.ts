// Measurement script (not a test): writes N message events (with the SET_ROOM each accepted event brings)
// through JournaledRoomData, then times a cold reopen + replay in a fresh process, 3 times per store without
// a snapshot and 3 times with one. Prints each run and the median (wall and CPU time: CPU time is the one to
// trust on a busy machine). The page cache is warm (the journal was just written); "cold" means a new
// process with an empty store.
// Usage: node --import tsx core/rooms/durable/measure-replay.ts [events=1000000] [rooms=100] [stores=arena,objects]
// (internal: … measure-replay.ts --reopen|--snapshot <dir> <store>)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { messagePdu } from '../../../bench/fixtures/pdus.ts';
import { JournaledRoomData } from './journaled-room-data.ts';
import { MapStore } from './map-store.test-support.ts';
import arenaStore from '../../../plugins/store/arena.ts';
import objectStore from '../../../plugins/store/objects.ts';
import { EventStatus, type EventStore, type StateId } from '../../slots/store.ts';

const NO_AUTO_SNAPSHOT = { snapshotEveryRecords: Infinity, snapshotEveryBytes: Infinity };
const mb = (n: number): string => `${(n / 1e6).toFixed(0)} MB`;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const STORES: Record<string, () => EventStore> = { arena: () => arenaStore(), objects: () => objectStore(), map: () => new MapStore() };

async function open(dir: string, impl: string): Promise<{ rd: JournaledRoomData; store: EventStore }> {
  const make = STORES[impl];
  if (make === undefined) throw new Error(`unknown store ${impl} (${Object.keys(STORES).join(', ')})`);
  const store = make();
  const rd = await JournaledRoomData.open({ dir, store: () => store, ...NO_AUTO_SNAPSHOT });
  return { rd, store };
}

async function write(dir: string, events: number, roomCount: number): Promise<void> {
  const { rd } = await open(dir, 'arena');
  const rooms = Array.from({ length: roomCount }, (_, i) => {
    const roomId = `!room${i}:example.com`;
    const create = `$create${i}`;
    return { roomId, create, state: rd.newState(0, [['m.room.create', '', create]]) as StateId, last: create, depth: 1 };
  });
  let pduBytes = 0;
  const t0 = performance.now();
  for (let i = 0; i < events; i++) {
    const room = rooms[i % roomCount]!;
    const pdu = messagePdu(i, 2 + (i % 44)); // ~660–950 bytes of JSON
    pdu.room_id = room.roomId;
    pdu.prev_events = [room.last];
    pdu.depth = ++room.depth;
    const bytes = Buffer.from(JSON.stringify(pdu));
    pduBytes += bytes.length;
    const eventId = `$${i.toString(36)}${(pdu.hashes as { sha256: string }).sha256.slice(0, 36)}`;
    rd.putEvent({
      eventId, roomId: room.roomId, type: 'm.room.message', stateKey: null, sender: pdu.sender as string, depth: room.depth,
      originServerTs: pdu.origin_server_ts as number, prevEvents: [room.last], authEvents: pdu.auth_events as string[], bytes,
      status: EventStatus.ACCEPTED, reason: null, stateBefore: room.state,
    });
    room.last = eventId;
    rd.setRoom({ roomId: room.roomId, version: '10', createEventId: room.create, currentState: room.state, extremities: [eventId], maxDepth: room.depth });
    if (i % 1000 === 999) await rd.commit();
  }
  await rd.commit();
  const ms = performance.now() - t0;
  const s = rd.stats.journal;
  await rd.close();
  console.log(
    `wrote ${events.toLocaleString('en')} events in ${roomCount} rooms (PDUs avg ${(pduBytes / events).toFixed(0)} B, ${mb(pduBytes)}), ` +
      `${s.appends.toLocaleString('en')} records, ${mb(s.bytes)} of journal, in ${(ms / 1000).toFixed(1)} s (incl. PDU generation), ${s.fsyncs} fsyncs`,
  );
}

interface Reopen {
  replayMs: number;
  cpuMs: number;
  wallMs: number;
  records: number;
  snapshotMs: number | null;
  events: number;
  rssMb: number;
}

async function reopen(dir: string, impl: string): Promise<void> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const { rd, store } = await open(dir, impl);
  const c = process.cpuUsage(c0);
  const wallMs = performance.now() - t0;
  const r = rd.stats.replay;
  const out: Reopen = { replayMs: r.ms, cpuMs: (c.user + c.system) / 1000, wallMs, records: r.records, snapshotMs: r.snapshot?.ms ?? null, events: store.size, rssMb: process.memoryUsage().rss / 1e6 };
  await rd.close();
  process.stdout.write(JSON.stringify(out));
}

async function snapshot(dir: string, impl: string): Promise<void> {
  const { rd } = await open(dir, impl);
  const done = await rd.snapshot();
  await rd.close();
  process.stdout.write(JSON.stringify(done));
}

function child(mode: string, dir: string, impl: string): unknown {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--import', 'tsx', self, mode, dir, impl], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${mode} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

function timeReopens(dir: string, label: string, impl: string): void {
  const runs = [0, 1, 2].map(() => child('--reopen', dir, impl) as Reopen);
  for (const x of runs) {
    console.log(
      `  ${impl} ${label}: replay ${x.replayMs.toFixed(0)} ms wall, ${x.cpuMs.toFixed(0)} ms CPU (${x.snapshotMs === null ? 'no snapshot' : `snapshot load ${x.snapshotMs.toFixed(0)} ms`}, ` +
        `${x.records.toLocaleString('en')} records), ${x.events.toLocaleString('en')} events, RSS ${x.rssMb.toFixed(0)} MB`,
    );
  }
  console.log(
    `${impl} ${label}: median of 3 cold reopens: ${median(runs.map((x) => x.replayMs)).toFixed(0)} ms wall, ` +
      `${median(runs.map((x) => x.cpuMs)).toFixed(0)} ms CPU — load average now ${os.loadavg()[0]!.toFixed(2)}`,
  );
}

const [mode, arg, arg2] = process.argv.slice(2);
if (mode === '--reopen') await reopen(arg!, arg2!);
else if (mode === '--snapshot') await snapshot(arg!, arg2!);
else {
  const events = Number(mode ?? 1_000_000);
  const roomCount = Number(arg ?? 100);
  const impls = (arg2 ?? 'arena,objects').split(',');
  const dir = fs.mkdtempSync(join(os.tmpdir(), 'fl-durable-measure-'));
  console.log(`node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, ${dir}`);
  try {
    await write(dir, events, roomCount);
    for (const impl of impls) timeReopens(dir, 'without snapshot', impl);
    const t = performance.now();
    const s = child('--snapshot', dir, impls[0]!) as { bytes: number; ms: number; events: number };
    console.log(`snapshot of ${s.events.toLocaleString('en')} events: ${mb(s.bytes)}, written in ${s.ms.toFixed(0)} ms (process total with its replay ${(performance.now() - t).toFixed(0)} ms)`);
    for (const impl of impls) timeReopens(dir, 'with snapshot', impl);
    console.log(`load average after: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
