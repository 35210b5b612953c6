// The plugin host: loads built implementations, checks them, swaps them in atomically, retires the old ones.
//
// A swap: (build) → import the bundle → self-check a throwaway instance → create the serving instance →
// migrate live data (data slots) → replace `active[slot]` (one assignment: atomic for JS) → advance the epoch →
// dispose the old instance once every request that started before the swap has finished.
// A failure at any step before the assignment leaves the old implementation serving.
import type { Epochs } from './epochs.ts';
import type { BuiltPlugin } from './builder.ts';
import { PluginError, PluginErrorCode, type Plugin, type PluginFactory } from './plugin.ts';
import { SLOT_NAMES, SLOT_SPECS, type ActiveSlots, type SlotName } from './registry.ts';

export interface SwapRecord {
  readonly slot: SlotName;
  readonly impl: string;
  readonly generation: number;
  readonly trigger: string;
  readonly at: string;
  readonly ok: boolean;
  readonly error?: string;
  readonly code?: PluginErrorCode;
  /** Import + self-check + migration + swap, in milliseconds. */
  readonly swap_ms: number;
  /** True when this exact bundle was never imported before (its code now stays in memory for good). */
  readonly new_module: boolean;
  /** heapUsed and rss growth across the import of a new module (bytes; 0 when the module was cached). */
  readonly heap_delta: number;
  readonly rss_delta: number;
}

interface SlotState {
  impl: string;
  generation: number;
  hash: string;
}

const LOG_LIMIT = 50;

export class SlotHost {
  /** The object hot paths read; only its properties change. */
  readonly active: ActiveSlots;
  readonly #state = new Map<SlotName, SlotState>();
  #builds = new Map<string, BuiltPlugin>(); // `${slot}/${impl}` → latest good build
  readonly #imported = new Set<string>();
  readonly #epochs: Epochs;
  readonly #log: SwapRecord[] = [];
  #reloads = 0;
  #queue: Promise<unknown> = Promise.resolve();
  readonly #onSwap: ((r: SwapRecord) => void) | undefined;

  private constructor(active: ActiveSlots, epochs: Epochs, onSwap?: (r: SwapRecord) => void) {
    this.active = active;
    this.#epochs = epochs;
    this.#onSwap = onSwap;
  }

  /** Loads the selected implementation of every slot from a successful build. */
  static async start(opts: {
    builds: readonly BuiltPlugin[];
    selection: Readonly<Record<SlotName, string>>;
    epochs: Epochs;
    onSwap?: (r: SwapRecord) => void;
  }): Promise<SlotHost> {
    const active = {} as ActiveSlots;
    const host = new SlotHost(active, opts.epochs, opts.onSwap);
    host.#setBuilds(opts.builds);
    for (const slot of SLOT_NAMES) {
      const r = await host.#load(slot, opts.selection[slot], 'start');
      if (!r.ok) throw new PluginError(PluginErrorCode.LOAD_FAILED, `${slot}/${opts.selection[slot]}`, r.error ?? 'failed');
    }
    return host;
  }

  #setBuilds(builds: readonly BuiltPlugin[]): void {
    this.#builds = new Map(builds.map((b) => [`${b.slot}/${b.impl}`, b]));
  }

  available(slot: SlotName): string[] {
    return [...this.#builds.values()].filter((b) => b.slot === slot).map((b) => b.impl).sort();
  }

  /** Swaps `slot` to `impl` (queued behind any swap in progress). Rejects with a PluginError and keeps the old one on failure. */
  swap(slot: SlotName, impl: string, trigger = 'api'): Promise<SwapRecord> {
    const run = this.#queue.then(() => this.#load(slot, impl, trigger));
    this.#queue = run.catch(() => undefined);
    return run.then((r) => {
      if (!r.ok) throw new PluginError(r.code ?? PluginErrorCode.LOAD_FAILED, `${slot}/${impl}`, r.error ?? 'failed');
      return r;
    });
  }

  /**
   * A rebuild finished: record the new bundles and swap in every active implementation whose code changed.
   * A failing reload is reported in the log and leaves the old code serving.
   */
  async rebuilt(builds: readonly BuiltPlugin[]): Promise<SwapRecord[]> {
    this.#setBuilds(builds);
    const done: SwapRecord[] = [];
    for (const slot of SLOT_NAMES) {
      const st = this.#state.get(slot)!;
      const b = this.#builds.get(`${slot}/${st.impl}`);
      if (!b || b.hash === st.hash) continue;
      const run = this.#queue.then(() => this.#load(slot, st.impl, 'reload'));
      this.#queue = run.catch(() => undefined);
      done.push(await run);
    }
    return done;
  }

  async #load(slot: SlotName, impl: string, trigger: string): Promise<SwapRecord> {
    const t0 = performance.now();
    const prev = this.#state.get(slot);
    const generation = (prev?.generation ?? 0) + 1;
    const build = this.#builds.get(`${slot}/${impl}`);
    const record = (ok: boolean, extra: Partial<SwapRecord>): SwapRecord => {
      const r: SwapRecord = {
        slot, impl, generation: ok ? generation : prev?.generation ?? 0, trigger, at: new Date().toISOString(), ok,
        swap_ms: round(performance.now() - t0), new_module: false, heap_delta: 0, rss_delta: 0, ...extra,
      };
      this.#log.push(r);
      if (this.#log.length > LOG_LIMIT) this.#log.shift();
      this.#onSwap?.(r);
      return r;
    };
    if (!build) {
      const known = this.available(slot);
      const error = `no implementation "${impl}" for slot "${slot}" (available: ${known.join(', ')})`;
      return record(false, { error, code: PluginErrorCode.UNKNOWN_IMPL });
    }
    const newModule = !this.#imported.has(build.url);
    const m0 = newModule ? process.memoryUsage() : undefined;
    let fresh: Plugin;
    let stage: PluginErrorCode = PluginErrorCode.LOAD_FAILED;
    try {
      const mod = (await import(build.url)) as { default?: unknown };
      this.#imported.add(build.url);
      if (typeof mod.default !== 'function') throw new Error('the module has no default-exported factory');
      const factory = mod.default as PluginFactory<Plugin>;
      const spec = SLOT_SPECS[slot] as { selfCheck(p: Plugin): void | Promise<void>; migrate?(a: Plugin, b: Plugin): void };
      // The probe shares the live interner: a data plugin's self-check may intern a few strings (harmless: ids are only ever added).
      const ctx = { interner: () => this.active.interner };
      const probe = factory(ctx);
      if (probe.name !== impl) throw new Error(`implementation calls itself "${probe.name}", expected "${impl}"`);
      stage = PluginErrorCode.SELF_CHECK_FAILED;
      await spec.selfCheck(probe);
      await probe.dispose?.();
      fresh = factory(ctx);
      const old = this.active[slot] as Plugin | undefined;
      stage = PluginErrorCode.MIGRATION_FAILED;
      if (old && spec.migrate) spec.migrate(old, fresh);
      // The swap itself: nothing above touched what requests see.
      (this.active as unknown as Record<string, Plugin>)[slot] = fresh;
      const ended = this.#epochs.advance();
      if (old) void this.#epochs.drained(ended).then(() => old.dispose?.()).catch(() => undefined);
    } catch (err) {
      const e = err instanceof Error ? err.message : String(err);
      return record(false, { error: e, code: stage, new_module: newModule });
    }
    this.#state.set(slot, { impl, generation, hash: build.hash });
    if (trigger !== 'start') this.#reloads++;
    const m1 = m0 ? process.memoryUsage() : undefined;
    return record(true, {
      new_module: newModule,
      heap_delta: m0 && m1 ? m1.heapUsed - m0.heapUsed : 0,
      rss_delta: m0 && m1 ? m1.rss - m0.rss : 0,
    });
  }

  get reloads(): number {
    return this.#reloads;
  }

  get log(): readonly SwapRecord[] {
    return this.#log;
  }

  current(slot: SlotName): { impl: string; generation: number; hash: string } {
    return { ...this.#state.get(slot)! };
  }

  selection(): Record<SlotName, string> {
    return Object.fromEntries(SLOT_NAMES.map((s) => [s, this.#state.get(s)!.impl])) as Record<SlotName, string>;
  }
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;
