// Builds every plugin implementation into its own small ESM bundle with esbuild, once or in watch mode.
// Core modules and npm packages stay external, so a plugin shares core's module instances (MatrixError,
// PluginError) instead of carrying copies; only the plugin's own files are inlined.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

export interface BuiltPlugin {
  readonly slot: string;
  readonly impl: string;
  /** Content hash of the bundle: the same code always loads from the same URL (Node caches it, no new memory). */
  readonly hash: string;
  readonly url: string;
  readonly bytes: number;
}
export type BuildOutcome =
  | { readonly ok: true; readonly plugins: readonly BuiltPlugin[]; readonly ms: number }
  | { readonly ok: false; readonly errors: readonly string[]; readonly ms: number };

/** Files in a slot folder that are not implementations. */
const NOT_IMPL = /(\.test\.ts|\.case\.ts|\.d\.ts)$|^self-check\.ts$|^_/;

export function listCandidates(pluginsDir: string, slots: readonly string[]): string[] {
  const files: string[] = [];
  for (const slot of slots) {
    const dir = join(pluginsDir, slot);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) if (f.endsWith('.ts') && !NOT_IMPL.test(f)) files.push(join(dir, f));
  }
  return files;
}

export class PluginBuilder {
  readonly #root: string;
  readonly #slots: readonly string[];
  readonly #outDir: string;
  #ctx: esbuild.BuildContext | undefined;

  constructor(opts: { root: string; slots: readonly string[]; outDir?: string }) {
    this.#root = realpathSync(opts.root);
    this.#slots = opts.slots;
    this.#outDir = opts.outDir ?? join(this.#root, '.build', 'plugins');
  }

  get pluginsDir(): string {
    return join(this.#root, 'plugins');
  }

  #options(onEnd?: (o: BuildOutcome) => void): esbuild.BuildOptions {
    const coreDir = realpathSync(join(this.#root, 'core')) + sep;
    let started = 0;
    const finish = (r: esbuild.BuildResult): BuildOutcome => {
      const ms = performance.now() - started;
      if (r.errors.length > 0) return { ok: false, errors: r.errors.map(formatMessage), ms };
      return { ok: true, plugins: this.#emit(r), ms };
    };
    const hooks: esbuild.Plugin = {
      name: 'fluctlight-plugins',
      setup: (b) => {
        b.onStart(() => void (started = performance.now()));
        // Imports of core/ resolve to the very file core itself loaded (realpath), as an external file URL.
        b.onResolve({ filter: /^\.{1,2}\// }, (args) => {
          if (args.kind === 'entry-point') return undefined;
          const abs = resolve(args.resolveDir, args.path);
          const real = existsSync(abs) ? realpathSync(abs) : abs;
          return real.startsWith(coreDir) ? { path: pathToFileURL(real).href, external: true } : undefined;
        });
        if (onEnd) b.onEnd((r) => onEnd(finish(r)));
      },
    };
    return {
      absWorkingDir: this.#root,
      entryPoints: listCandidates(this.pluginsDir, this.#slots),
      outbase: this.pluginsDir,
      outdir: this.#outDir,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      write: false,
      metafile: true,
      logLevel: 'silent',
      plugins: [hooks],
    };
  }

  /** Writes each output under a content-hashed name (kept if it exists) and lists the implementations. */
  #emit(r: esbuild.BuildResult): BuiltPlugin[] {
    const out: BuiltPlugin[] = [];
    for (const file of r.outputFiles ?? []) {
      const rel = relative(this.#outDir, file.path).split(sep); // [slot, impl.js]
      if (rel.length !== 2) continue;
      const meta = r.metafile?.outputs[relative(this.#root, file.path).split(sep).join('/')] ?? findMeta(r.metafile, this.#root, file.path);
      if (!meta || !meta.exports.includes('default')) continue; // a helper module, not an implementation
      const [slot, name] = rel as [string, string];
      const impl = name.replace(/\.js$/, '');
      const hash = createHash('sha256').update(file.contents).digest('hex').slice(0, 16);
      const path = join(this.#outDir, slot, `${impl}.${hash}.mjs`);
      if (!existsSync(path)) {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, file.contents);
      }
      out.push({ slot, impl, hash, url: pathToFileURL(path).href, bytes: file.contents.length });
    }
    return out;
  }

  async build(): Promise<BuildOutcome> {
    const started = performance.now();
    try {
      const r = await esbuild.build(this.#options());
      return { ok: true, plugins: this.#emit(r), ms: performance.now() - started };
    } catch (err) {
      const errors = (err as esbuild.BuildFailure).errors?.map(formatMessage) ?? [String(err)];
      return { ok: false, errors, ms: performance.now() - started };
    }
  }

  /** Rebuilds whenever a plugin source changes; `onBuild` gets every outcome (the first one too). */
  async watch(onBuild: (o: BuildOutcome) => void): Promise<void> {
    this.#ctx = await esbuild.context(this.#options(onBuild));
    await this.#ctx.watch();
  }

  async dispose(): Promise<void> {
    await this.#ctx?.dispose();
    this.#ctx = undefined;
  }
}

function findMeta(meta: esbuild.Metafile | undefined, root: string, abs: string): esbuild.Metafile['outputs'][string] | undefined {
  if (!meta) return undefined;
  for (const [k, v] of Object.entries(meta.outputs)) if (resolve(root, k) === abs) return v;
  return undefined;
}

function formatMessage(m: esbuild.Message): string {
  const at = m.location ? `${m.location.file}:${m.location.line}:${m.location.column}: ` : '';
  return `${at}${m.text}`;
}
