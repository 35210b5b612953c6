// Finds every implementation of a slot (plugins/<slot>/*.ts) and imports it, for benchmarks to loop over.
import { readdir } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Plugin, PluginFactory } from '../../core/slots/plugin.ts';

export interface Discovered<T extends Plugin> {
  readonly name: string;
  readonly factory: PluginFactory<T>;
}

/** Files in a slot folder that are not implementations. */
const NOT_AN_IMPLEMENTATION = /(\.test\.ts|\.case\.ts|^self-check\.ts)$/;

/** plugins/ of this checkout, or FL_PLUGINS_DIR (to bench another tree's plugins with this harness). */
export function pluginsDir(): string {
  return process.env.FL_PLUGINS_DIR ?? new URL('../../plugins/', import.meta.url).pathname;
}

/**
 * Imports plugins/<slot>/<name>.ts for every implementation file, sorted by name. A module without a
 * default export is a helper and is passed over. One that fails to import, whose default export is not a
 * function, or whose instance's `name` is not its file name is skipped with a warning on stderr (stdout
 * stays clean for `--json`): other helpers may be mid-edit.
 * `check`, if given, runs on a fresh instance (e.g. the slot's self-check); a throw skips the implementation.
 */
export async function discover<T extends Plugin>(slot: string, check?: (impl: T) => void): Promise<Discovered<T>[]> {
  const dir = join(pluginsDir(), slot);
  let files: string[];
  try {
    files = await readdir(dir);
  } catch {
    return [];
  }
  const found: Discovered<T>[] = [];
  for (const file of files.filter((f) => f.endsWith('.ts') && !NOT_AN_IMPLEMENTATION.test(f)).sort()) {
    const name = file.slice(0, -'.ts'.length);
    try {
      const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default?: unknown };
      if (mod.default === undefined) continue; // a helper module beside the implementations, not one of them
      if (typeof mod.default !== 'function') throw new Error('default export is not a factory');
      const factory = mod.default as PluginFactory<T>;
      const instance = factory();
      if (instance.name !== name) throw new Error(`instance is named ${JSON.stringify(instance.name)}`);
      check?.(instance);
      await instance.dispose?.();
      found.push({ name, factory });
    } catch (err) {
      process.stderr.write(`discover: skipping ${slot}/${file}: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
  return found;
}
