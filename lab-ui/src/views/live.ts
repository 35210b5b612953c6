// The live view: requests/s, PDUs/s, p50/p99 latency and RSS from /_lab/live, swap events marked on the time
// axis; a select per slot switches its implementation (PUT /_lab/slots/<slot>), a button applies an experiment.
import { api, type ExperimentInfo, type LiveFrame, type LiveMessage, type LiveSwap, type Status } from '../api.ts';
import { h, replace } from '../dom.ts';
import { bytes, clock, num, withUnit } from '../format.ts';
import { LIVE_CHARTS, LiveChart } from '../live-charts.ts';
import { LiveSocket, type SocketState } from '../live-socket.ts';
import type { Marker } from '../swap-markers.ts';
import type { Cleanup } from '../main.ts';

type Swap = Omit<LiveSwap, 'type'>;
const MAX_FRAMES = 300;
/** Swaps closer than this with the same trigger (one experiment's slots) share a marker. */
const MERGE_MS = 2000;

function markersOf(swaps: readonly Swap[]): Marker[] {
  const out: (Marker & { trigger: string })[] = [];
  for (const s of swaps) {
    const t = Date.parse(s.at);
    const text = s.trigger.startsWith('experiment:') ? s.trigger.slice('experiment:'.length) : `${s.slot} → ${s.impl}`;
    const last = out.at(-1);
    if (last && last.trigger === s.trigger && t - last.t < MERGE_MS && s.trigger.startsWith('experiment:')) {
      last.ok &&= s.ok;
      continue;
    }
    out.push({ t, label: s.ok ? text : `✗ ${text}`, ok: s.ok, trigger: s.trigger });
  }
  return out;
}

export async function renderLive(root: HTMLElement, _params: URLSearchParams): Promise<Cleanup> {
  const [status, experiments] = await Promise.all([api.status(), api.experiments()]);
  const frames: LiveFrame[] = [];
  const swaps: Swap[] = [];
  const pending = new Set<string>();

  const stateBadge = h('span', { class: 'badge connecting', id: 'live-state' }, 'connecting…');
  const tiles = Object.fromEntries(['requests', 'pdus', 'p50', 'p99', 'rss'].map((k) => [k, h('div', { class: 'tile-value' }, '–')]));
  const tile = (k: string, label: string) => h('div', { class: 'tile' }, h('div', { class: 'tile-label' }, label), tiles[k]!);
  const message = h('div', { class: 'swap-message', id: 'swap-message', role: 'status' });
  const slotRows = new Map<string, { select: HTMLSelectElement; gen: HTMLElement; counters: HTMLElement; row: HTMLElement }>();
  const experimentButtons = new Map<string, HTMLButtonElement>();
  const swapList = h('ol', { class: 'swap-log', id: 'swap-log' });

  const say = (text: string, kind: 'ok' | 'error' | 'busy') => {
    message.className = `swap-message ${kind}`;
    message.textContent = text;
  };

  async function switchSlot(slot: string, impl: string, sel: HTMLSelectElement): Promise<void> {
    pending.add(slot);
    sel.disabled = true;
    say(`Swapping ${slot} to ${impl}…`, 'busy');
    try {
      const r = await api.swap(slot, impl);
      say(`${r.slot} → ${r.impl}: generation ${r.generation}, swapped in ${num(r.swap_ms)} ms`, 'ok');
    } catch (e) {
      say(`${slot} → ${impl} failed: ${(e as Error).message}`, 'error');
      sel.value = frames.at(-1)?.slots[slot]?.impl ?? status.slots[slot]!.impl;
    } finally {
      pending.delete(slot);
      sel.disabled = false;
    }
  }

  async function applyExperiment(e: ExperimentInfo): Promise<void> {
    for (const b of experimentButtons.values()) b.disabled = true;
    say(`Applying experiment ${e.name}…`, 'busy');
    try {
      const r = await api.applyExperiment(e.name);
      say(`Experiment ${r.experiment}: ${r.swaps.length === 0 ? 'no slot needed swapping' : r.swaps.map((s) => `${s.slot} → ${s.impl}`).join(', ')}`, 'ok');
    } catch (err) {
      say(`Experiment ${e.name} failed: ${(err as Error).message}`, 'error');
    } finally {
      for (const b of experimentButtons.values()) b.disabled = false;
    }
  }

  const slotTable = h('table', { class: 'slots', id: 'slot-table' },
    h('thead', null, h('tr', null, h('th', null, 'Slot'), h('th', null, 'Implementation'), h('th', { class: 'num' }, 'Gen.'))),
    h('tbody', null, Object.entries(status.slots).flatMap(([slot, s]) => {
      const sel = h('select', { 'data-slot': slot, 'aria-label': `${slot} implementation` }, s.available.map((impl) => h('option', { value: impl, selected: impl === s.impl }, impl)));
      sel.addEventListener('change', () => void switchSlot(slot, sel.value, sel));
      const gen = h('td', { class: 'num mono' }, String(s.generation));
      const row = h('tr', { 'data-slot': slot }, h('td', null, h('b', null, slot)), h('td', null, sel), gen);
      // The implementation's own counters, on a line of their own under its row (hidden when it has none).
      const counters = h('td', { colspan: 3, class: 'muted small counters' }, '');
      const countersRow = h('tr', { 'data-counters': slot, hidden: true }, counters);
      slotRows.set(slot, { select: sel, gen, counters, row });
      return [row, countersRow];
    })));

  const experimentBox = h('div', { class: 'experiments' }, experiments.map((e) => {
    const what = Object.entries(e.extends === null ? e.slots : e.delta).map(([k, v]) => `${k}: ${v}`).join(' · ');
    const b = h('button', { 'data-experiment': e.name, title: e.notes ?? '', onclick: () => void applyExperiment(e) }, h('b', null, e.name), h('span', { class: 'small' }, what));
    experimentButtons.set(e.name, b);
    return b;
  }));

  const charts: LiveChart[] = [];
  const chartCards = LIVE_CHARTS.map((spec) => {
    const canvas = h('canvas', { id: `chart-${spec.id}`, 'aria-label': spec.title });
    return { spec, canvas, card: h('section', { class: 'card chart-card' }, h('h3', null, spec.title), h('div', { class: 'chart-box small' }, canvas)) };
  });

  replace(root,
    h('div', { class: 'live-head' }, h('h1', null, 'Live'), stateBadge, h('span', { class: 'muted', id: 'live-server' }, status.server_name),
      h('span', { class: 'spacer' }), h('span', { class: 'muted small', id: 'live-experiment' })),
    h('div', { class: 'tiles' }, tile('requests', 'Requests / s'), tile('pdus', 'PDUs / s'), tile('p50', 'p50 latency'), tile('p99', 'p99 latency'), tile('rss', 'RSS')),
    h('div', { class: 'live-grid' },
      h('div', null,
        h('div', { class: 'live-charts' }, chartCards.map((c) => c.card)),
        h('section', { class: 'card' }, h('h2', null, 'Swaps'), swapList)),
      h('aside', null,
        h('section', { class: 'card' }, h('h2', null, 'Slots'), slotTable, message),
        h('section', { class: 'card' }, h('h2', null, 'Experiments'), experimentBox))),
  );
  for (const c of chartCards) charts.push(new LiveChart(c.canvas, c.spec));

  const draw = () => {
    const markers = markersOf(swaps);
    for (const c of charts) c.set(frames, markers);
    const f = frames.at(-1);
    root.dataset.frames = String(frames.length);
    if (!f) return;
    tiles.requests!.textContent = num(f.requests_per_s);
    tiles.pdus!.textContent = num(f.pdus_per_s);
    tiles.p50!.textContent = f.p50_ms === null ? '–' : withUnit(f.p50_ms, 'ms');
    tiles.p99!.textContent = f.p99_ms === null ? '–' : withUnit(f.p99_ms, 'ms');
    tiles.rss!.textContent = bytes(f.rss_bytes);
    for (const [slot, s] of Object.entries(f.slots)) {
      const r = slotRows.get(slot);
      if (!r) continue;
      r.gen.textContent = String(s.generation);
      // The implementation's own counters (e.g. the verify threads' work), when it reports some.
      r.counters.textContent = s.stats === undefined ? '' : Object.entries(s.stats).map(([k, v]) => `${k.replace(/_/g, ' ')} ${num(v)}`).join(' · ');
      r.counters.parentElement!.hidden = s.stats === undefined;
      if (!pending.has(slot) && document.activeElement !== r.select && r.select.value !== s.impl) r.select.value = s.impl;
      r.row.dataset.impl = s.impl;
    }
    const active = experiments.find((e) => e.name === f.experiment);
    const modified = active && Object.entries(active.slots).some(([k, v]) => f.slots[k]?.impl !== v);
    for (const [name, b] of experimentButtons) b.classList.toggle('active', name === f.experiment);
    document.getElementById('live-experiment')!.textContent = `experiment ${f.experiment}${modified ? ' (slots changed since)' : ''}`;
  };

  const logSwap = (s: Swap) => {
    swapList.prepend(h('li', { class: s.ok ? 'ok' : 'failed' },
      h('span', { class: 'mono muted' }, clock(Date.parse(s.at))),
      h('span', null, h('b', null, s.slot), ' → ', s.impl),
      h('span', { class: 'muted small' }, s.ok ? `generation ${s.generation} · ${num(s.swap_ms)} ms${s.new_module ? ' · new module' : ''}` : `failed: ${s.error ?? ''}`),
      h('span', { class: 'muted small trigger' }, s.trigger)));
    while (swapList.children.length > 12) swapList.lastElementChild!.remove();
  };

  const onMessage = (m: LiveMessage) => {
    if (m.type === 'hello') {
      frames.splice(0, frames.length, ...m.frames);
      swaps.splice(0, swaps.length, ...m.swaps);
      swapList.replaceChildren();
      for (const s of m.swaps) logSwap(s);
    } else if (m.type === 'tick') {
      frames.push(m);
      if (frames.length > MAX_FRAMES) frames.shift();
    } else {
      swaps.push(m);
      logSwap(m);
    }
    draw();
  };
  const onState = (s: SocketState) => {
    stateBadge.className = `badge ${s}`;
    stateBadge.textContent = s === 'live' ? 'live' : s === 'connecting' ? 'connecting…' : 'disconnected, retrying…';
  };
  const socket = new LiveSocket(onMessage, onState);
  return () => {
    socket.close();
    for (const c of charts) c.destroy();
  };
}
