// The lab API on the admin port: GET /_lab/status, PUT /_lab/slots/{slot}, GET /_lab/experiments,
// POST /_lab/experiments/{name}. JSON in and out; Matrix-style errors.
import type { Route } from '../http/route.ts';
import { Errcode, MatrixError, invalidParam } from '../matrix/errors.ts';
import { PluginError, PluginErrorCode } from '../slots/plugin.ts';
import type { Experiment } from '../slots/experiments.ts';
import type { SlotHost, SwapRecord } from '../slots/host.ts';
import { SLOT_NAMES, type SlotName } from '../slots/registry.ts';
import type { Metrics } from './metrics.ts';

export interface LabDeps {
  serverName: string;
  host: SlotHost;
  experiments: () => ReadonlyMap<string, Experiment>;
  metrics: Metrics;
  startedAt: number;
  /** The experiment last applied (or the starting one). */
  experiment: { name: string };
  /** Called after every swap attempt made through this API (the live feed publishes it at once). */
  afterSwap?: () => void;
}

function pluginFailure(e: unknown): never {
  if (e instanceof PluginError) {
    const status = e.code === PluginErrorCode.UNKNOWN_IMPL || e.code === PluginErrorCode.UNKNOWN_SLOT ? 400 : 500;
    const errcode = status === 400 ? Errcode.INVALID_PARAM : Errcode.UNKNOWN;
    throw new MatrixError(status, errcode, e.message, { code: e.code, plugin: e.plugin });
  }
  throw e;
}

const swapReply = (r: SwapRecord) => ({ slot: r.slot, impl: r.impl, generation: r.generation, swap_ms: r.swap_ms });

export function labRoutes(d: LabDeps): Route[] {
  const status: Route = {
    method: 'GET', path: '/_lab/status', auth: 'none',
    handle() {
      const mem = process.memoryUsage();
      const slots: Record<string, unknown> = {};
      for (const s of SLOT_NAMES) {
        const c = d.host.current(s);
        const stats = d.host.active[s].stats?.();
        slots[s] = { impl: c.impl, generation: c.generation, available: d.host.available(s), ...(stats === undefined ? {} : { stats }) };
      }
      const loads = d.host.log.filter((r) => r.new_module && r.ok);
      return {
        json: {
          server_name: d.serverName,
          uptime_ms: Math.round(Date.now() - d.startedAt),
          experiment: d.experiment.name,
          reloads: d.host.reloads,
          memory: { rss: mem.rss, heap_used: mem.heapUsed },
          slots,
          // Node cannot unload an ES module: every newly imported bundle stays resident. These are its costs.
          reload_memory: {
            modules_loaded: loads.length,
            heap_delta_bytes: loads.map((r) => r.heap_delta),
            rss_delta_bytes: loads.map((r) => r.rss_delta),
          },
          swaps: d.host.log.slice(-20),
          requests: d.metrics.snapshot(),
        },
      };
    },
  };
  const putSlot: Route = {
    method: 'PUT', path: '/_lab/slots/:slot', auth: 'none',
    async handle(req) {
      const slot = req.params[0]!;
      if (!(SLOT_NAMES as string[]).includes(slot)) {
        throw new MatrixError(400, Errcode.INVALID_PARAM, `unknown slot "${slot}" (slots: ${SLOT_NAMES.join(', ')})`, { code: PluginErrorCode.UNKNOWN_SLOT });
      }
      const impl = req.json().impl;
      if (typeof impl !== 'string') throw invalidParam('body must be {"impl": "<implementation name>"}');
      try {
        return { json: swapReply(await d.host.swap(slot as SlotName, impl, 'api').catch(pluginFailure)) };
      } finally {
        d.afterSwap?.();
      }
    },
  };
  const listExperiments: Route = {
    method: 'GET', path: '/_lab/experiments', auth: 'none',
    handle() {
      const list = [...d.experiments().values()].map((e) => ({
        name: e.name, extends: e.extends ?? null, slots: e.slots, delta: e.delta, notes: e.notes ?? null, active: e.name === d.experiment.name,
      }));
      return { json: { experiments: list } };
    },
  };
  const applyExperiment: Route = {
    method: 'POST', path: '/_lab/experiments/:name', auth: 'none',
    async handle(req) {
      const name = req.params[0]!;
      const e = d.experiments().get(name);
      if (!e) throw new MatrixError(404, Errcode.NOT_FOUND, `no experiment "${name}" (known: ${[...d.experiments().keys()].join(', ')})`);
      const swaps = [];
      try {
        for (const s of SLOT_NAMES) {
          if (d.host.current(s).impl === e.slots[s]) continue;
          swaps.push(swapReply(await d.host.swap(s, e.slots[s]!, `experiment:${name}`).catch(pluginFailure)));
        }
      } finally {
        d.afterSwap?.();
      }
      d.experiment.name = name;
      return { json: { experiment: name, slots: d.host.selection(), swaps } };
    },
  };
  return [status, putSlot, listExperiments, applyExperiment];
}
