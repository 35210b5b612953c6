// The ceiling for /send ingestion: how many ed25519 signatures of PDUs one core verifies per second with
// node:crypto alone (a KeyObject made once, crypto.verify in a loop over pre-encoded messages: no JSON, no
// hashing, no I/O). Measured in its own child process pinned to the server's core, between windows.
//   node --import tsx bench/load/fed/raw-verify.ts --ms 1500     → {"verifiesPerS":…} on stdout
import { execFile } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { signEvent } from '../../../core/matrix/event-hash.ts';
import { redact } from '../../../core/matrix/redaction.ts';
import { roomVersion } from '../../../core/matrix/room-versions.ts';
import { signedPart, type JsonObject } from '../../../core/matrix/signing.ts';
import { decodeBase64 } from '../../../core/matrix/base64.ts';
import { pinned } from '../../lib/proc.ts';
import { messageBody } from './chain.ts';
import { FAKE_KEY_ID } from './fake-server.ts';
import { FED_SLOTS } from './slots.ts';

const PROGRAM = fileURLToPath(import.meta.url);
/** Distinct messages cycled through, so nothing is cached per message. */
const MESSAGES = 256;
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface RawVerify {
  readonly verifiesPerS: number;
  /** Verifies per second of the loop's own CPU time: the core's rate even when other processes took turns on it. */
  readonly verifiesPerCpuS: number;
  readonly verifies: number;
  readonly ms: number;
  /** Mean size of a verified message (the PDU's redacted canonical form). */
  readonly messageBytes: number;
}

/** Runs the loop for ~`ms` in a child pinned to `cpus` (null: unpinned). */
export function rawVerifyRate(cpus: string | null, ms: number): Promise<RawVerify> {
  const [cmd, argv] = pinned(cpus, process.execPath, ['--import', 'tsx', PROGRAM, '--ms', String(ms)]);
  return new Promise((resolve, reject) => {
    execFile(cmd, argv, { encoding: 'utf8', timeout: ms + 60_000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`raw verify loop failed: ${err.message}\n${stderr}`));
      resolve(JSON.parse(stdout) as RawVerify);
    });
  });
}

/** Signed m.room.message PDUs of room v12 as the fake servers send them, reduced to what a verifier checks. */
function messages(): { key: ReturnType<typeof createPublicKey>; msgs: Uint8Array[]; sigs: Uint8Array[] } {
  const seed = new Uint8Array(32).fill(7);
  const server = '127.0.0.1:40000';
  const signingKey = { entity: server, keyId: FAKE_KEY_ID, seed };
  const rules = roomVersion('12')!;
  const msgs: Uint8Array[] = [];
  const sigs: Uint8Array[] = [];
  for (let i = 0; i < MESSAGES; i++) {
    const pdu: JsonObject = {
      room_id: '!' + 'a'.repeat(43), type: 'm.room.message', sender: `@u${i}-m:${server}`,
      content: { msgtype: 'm.text', body: messageBody(i) }, prev_events: ['$' + 'b'.repeat(43)],
      auth_events: ['$' + 'c'.repeat(43), '$' + 'd'.repeat(43)], depth: 1000 + i, origin_server_ts: 1_800_000_000_000 + i,
    };
    const signed = signEvent(FED_SLOTS.json, FED_SLOTS.signer, pdu, rules.redaction, signingKey);
    const redacted = redact(signed, rules.redaction);
    msgs.push(FED_SLOTS.json.encode(signedPart(redacted)));
    sigs.push(decodeBase64((signed.signatures as Record<string, Record<string, string>>)[server]![FAKE_KEY_ID]!));
  }
  const publicKey = FED_SLOTS.signer.publicKey(seed);
  const key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
  return { key, msgs, sigs };
}

function loop(ms: number): RawVerify {
  const { key, msgs, sigs } = messages();
  // Warm-up, and a check that the loop verifies what it claims to.
  for (let i = 0; i < MESSAGES; i++) if (!verify(null, msgs[i]!, key, sigs[i]!)) throw new Error('a signature does not verify');
  let n = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let now = t0;
  while (now - t0 < ms) {
    for (let k = 0; k < MESSAGES; k++) verify(null, msgs[k]!, key, sigs[k]!);
    n += MESSAGES;
    now = performance.now();
  }
  const cpu = process.cpuUsage(cpu0);
  const messageBytes = msgs.reduce((s, m) => s + m.length, 0) / msgs.length;
  return { verifiesPerS: n / ((now - t0) / 1000), verifiesPerCpuS: n / ((cpu.user + cpu.system) / 1e6), verifies: n, ms: now - t0, messageBytes };
}

if (process.argv[1] === PROGRAM) {
  const i = process.argv.indexOf('--ms');
  process.stdout.write(JSON.stringify(loop(i > 0 ? Number(process.argv[i + 1]) : 1500)) + '\n');
}
