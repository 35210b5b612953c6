// Where things are: the repository root, and the shared/ folder (beside the repo) that holds the Synapse peer.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is scripts/interop/lib/paths.ts). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** A missing prerequisite of the interop suite; the message says what to do. */
export class InteropSetupError extends Error {
  override readonly name = 'InteropSetupError';
}

/**
 * The shared/ folder: `$SHARED_DIR` when set, else `<repo>/../shared` (locally /work/shared; in CI a copy beside
 * the clone). Throws an InteropSetupError naming both places when the Synapse peer scripts are not there.
 */
export function sharedDir(env: NodeJS.ProcessEnv = process.env, repoRoot: string = REPO_ROOT): string {
  const fromEnv = env.SHARED_DIR;
  const dir = resolve(fromEnv !== undefined && fromEnv !== '' ? fromEnv : join(repoRoot, '..', 'shared'));
  const probe = join(dir, 'peers', 'synapse', 'start.sh');
  if (!existsSync(probe)) {
    const how = fromEnv ? `SHARED_DIR=${fromEnv}` : `no SHARED_DIR set, so <repo>/../shared = ${dir}`;
    throw new InteropSetupError(`shared/ folder not found (${how}): ${probe} does not exist. ` +
      'Put a copy of shared/ beside the repository or point SHARED_DIR at it.');
  }
  return dir;
}

/** `<shared>/peers/synapse/<script>` (setup.sh, start.sh, stop.sh, client.sh). */
export function synapseScript(script: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(sharedDir(env), 'peers', 'synapse', script);
}

/** The Synapse chroot (same default as the peer scripts). */
export function synapseChroot(env: NodeJS.ProcessEnv = process.env): string {
  return env.SYNAPSE_CHROOT || '/var/cache/synapse-peer/sid';
}
