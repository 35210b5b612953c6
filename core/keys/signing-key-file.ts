// Our ed25519 signing key on disk, in Synapse's format: one line `ed25519 <version> <unpadded base64 seed>`.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { encodeBase64, tryDecodeBase64 } from '../matrix/base64.ts';

export interface KeyFileEntry {
  /** `ed25519:<version>`. */
  readonly keyId: string;
  readonly seed: Uint8Array;
}

const VERSION = /^[a-zA-Z0-9_]+$/;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Parses the file's text; every non-empty line is a key, the first one signs. Throws naming the line. */
export function parseKeyFile(text: string, where: string): KeyFileEntry[] {
  const keys: KeyFileEntry[] = [];
  text.split('\n').forEach((line, i) => {
    const t = line.trim();
    if (t === '') return;
    const [alg, version, b64, ...rest] = t.split(/\s+/);
    const seed = b64 === undefined ? undefined : tryDecodeBase64(b64);
    if (alg !== 'ed25519' || version === undefined || !VERSION.test(version) || rest.length > 0 || seed?.length !== 32) {
      throw new Error(`${where}:${i + 1}: expected "ed25519 <version> <unpadded base64 32-byte seed>"`);
    }
    keys.push({ keyId: `ed25519:${version}`, seed });
  });
  if (keys.length === 0) throw new Error(`${where}: no signing key in the file`);
  return keys;
}

/** A new key with a Synapse-style version (`a_` + 4 random letters or digits). */
export function generateKeyLine(): string {
  const r = randomBytes(4);
  const version = 'a_' + [...r].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return `ed25519 ${version} ${encodeBase64(randomBytes(32))}\n`;
}

/** Reads the key file, creating it (mode 0600, atomically) with a fresh key when it does not exist. */
export function loadOrCreateKeyFile(path: string): { keys: KeyFileEntry[]; created: boolean } {
  let created = false;
  if (!existsSync(path)) {
    writeFileSync(path + '.tmp', generateKeyLine(), { mode: 0o600 });
    renameSync(path + '.tmp', path);
    created = true;
  }
  return { keys: parseKeyFile(readFileSync(path, 'utf8'), path), created };
}
