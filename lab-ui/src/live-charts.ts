// The live view's time-series charts: a sliding two-minute window on a linear time axis (ms since the epoch),
// swap events drawn as markers. No animation: each new frame redraws once.
import type { LiveFrame } from './api.ts';
import { alpha, Chart } from './charts.ts';
import { bytes, clock, num, withUnit } from './format.ts';
import type { Marker } from './swap-markers.ts';

export const WINDOW_MS = 120_000;
/** Until two minutes of data exist, the axis spans the data (at least this much) instead of mostly empty space. */
const MIN_SPAN_MS = 30_000;

interface LineSpec {
  label: string;
  color: string;
  value: (f: LiveFrame) => number | null;
}

export interface LiveChartSpec {
  id: string;
  title: string;
  lines: readonly LineSpec[];
  format: (v: number) => string;
  /** Fixed lower bound (0 for rates). */
  min?: number;
  /** A log axis: latencies span orders of magnitude (a warm-up or a slow implementation next to µs-fast requests). */
  log?: boolean;
}

export const LIVE_CHARTS: readonly LiveChartSpec[] = [
  { id: 'requests', title: 'Requests / s', lines: [{ label: 'requests/s', color: '#2563eb', value: (f) => f.requests_per_s }], format: num, min: 0 },
  { id: 'pdus', title: 'PDUs / s', lines: [{ label: 'PDUs/s', color: '#059669', value: (f) => f.pdus_per_s }], format: num, min: 0 },
  { id: 'latency', title: 'Latency (log scale)', lines: [
    { label: 'p50', color: '#7c3aed', value: (f) => f.p50_ms },
    { label: 'p99', color: '#d97706', value: (f) => f.p99_ms },
  ], format: (v) => withUnit(v, 'ms'), log: true },
  { id: 'rss', title: 'Memory (RSS)', lines: [{ label: 'RSS', color: '#475569', value: (f) => f.rss_bytes }], format: bytes },
];

type Point = { x: number; y: number | null };

const STEPS = [5_000, 10_000, 15_000, 30_000, 60_000];
/** 1, 10, 100, … and 0.1, 0.01, …: the labelled ticks of a log axis. */
const isDecade = (v: number) => v > 0 && Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9;

export class LiveChart {
  readonly chart: Chart<'line', Point[]>;
  readonly #spec: LiveChartSpec;

  constructor(canvas: HTMLCanvasElement, spec: LiveChartSpec) {
    this.#spec = spec;
    this.chart = new Chart<'line', Point[]>(canvas, {
      type: 'line',
      data: {
        datasets: spec.lines.map((l) => ({
          label: l.label, data: [], borderColor: l.color, backgroundColor: alpha(l.color, 0.1), borderWidth: 2, pointRadius: 0, tension: 0.25, spanGaps: false,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        parsing: false,
        normalized: true,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { type: 'linear', ticks: { stepSize: 30_000, callback: (v) => clock(Number(v)), maxRotation: 0 }, grid: { color: '#f1f3f5' } },
          y: spec.log
            ? { type: 'logarithmic', ticks: { callback: (v) => (isDecade(Number(v)) ? spec.format(Number(v)) : null) }, grid: { color: '#f1f3f5' } }
            : { ...(spec.min === undefined ? {} : { min: spec.min }), ticks: { callback: (v) => spec.format(Number(v)), maxTicksLimit: 5 }, grace: '10%', grid: { color: '#f1f3f5' } },
        },
        plugins: {
          legend: { display: spec.lines.length > 1, position: 'top', align: 'end' },
          tooltip: { callbacks: { title: (items) => clock(items[0]?.parsed.x ?? 0), label: (i) => `${i.dataset.label}: ${i.parsed.y === null ? '–' : spec.format(i.parsed.y)}` } },
          swapMarkers: { markers: [] },
        },
      },
    });
  }

  /** Replaces the data with `frames` (oldest first) and the markers; shows at most the last WINDOW_MS. */
  set(frames: readonly LiveFrame[], markers: readonly Marker[]): void {
    const now = frames.at(-1)?.t ?? Date.now();
    const first = frames[0]?.t ?? now;
    this.#spec.lines.forEach((l, i) => {
      this.chart.data.datasets[i]!.data = frames.filter((f) => f.t >= now - WINDOW_MS).map((f) => ({ x: f.t, y: l.value(f) }));
    });
    const x = this.chart.options.scales!.x!;
    const span = Math.min(WINDOW_MS, Math.max(MIN_SPAN_MS, now - first));
    x.min = now - span;
    x.max = now;
    // A tick every 5, 10, 15, 30 or 60 s: the smallest step that leaves room for each "hh:mm:ss" label.
    const room = Math.max(2, Math.floor((this.chart.chartArea?.width ?? this.chart.width) / 75));
    (x.ticks as { stepSize?: number }).stepSize = STEPS.find((s) => span / s <= room) ?? 60_000;
    this.chart.options.plugins!.swapMarkers!.markers = markers;
    this.chart.update('none');
  }

  destroy(): void {
    this.chart.destroy();
  }
}
