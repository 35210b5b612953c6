// A chart.js plugin drawing spread whiskers (e.g. min–max) over bars or points; chart.js has none built in.
// Ranges come from options.plugins.errorBars.ranges[datasetIndex][pointIndex] = [low, high] in data units.
import type { Chart, ChartType, Plugin } from 'chart.js';

export type Range = readonly [number, number] | null;

export interface ErrorBarsOptions {
  ranges?: readonly (readonly Range[])[];
  /** Whisker colour; default: the dataset's border colour. */
  color?: string;
  lineWidth?: number;
}

declare module 'chart.js' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the type parameter must match chart.js's declaration
  interface PluginOptionsByType<TType extends ChartType> {
    errorBars?: ErrorBarsOptions;
  }
}

export const errorBars: Plugin = {
  id: 'errorBars',
  // Widen each value axis to the whiskers (chart.js sizes it to the data values alone, which would clip them),
  // unless they pass it by under 2 % of its range: a nice-number axis would grow far more than that for nothing.
  afterDataLimits(chart: Chart, { scale }, options: ErrorBarsOptions) {
    if (!options.ranges || scale.axis !== (chart.options.indexAxis === 'y' ? 'x' : 'y')) return;
    let lo = scale.min;
    let hi = scale.max;
    chart.data.datasets.forEach((_, i) => {
      if (!chart.isDatasetVisible(i) || (chart.getDatasetMeta(i).yAxisID ?? 'y') !== scale.id) return;
      for (const r of options.ranges![i] ?? []) {
        if (!r) continue;
        lo = Math.min(lo, r[0], r[1]);
        hi = Math.max(hi, r[0], r[1]);
      }
    });
    const slack = 0.02 * (scale.max - scale.min);
    if (scale.min - lo > slack) scale.min = lo;
    if (hi - scale.max > slack) scale.max = hi;
  },
  afterDatasetsDraw(chart: Chart, _args, options: ErrorBarsOptions) {
    const ranges = options.ranges;
    if (!ranges) return;
    const { ctx, chartArea } = chart;
    ctx.save();
    ctx.beginPath();
    ctx.rect(chartArea.left, chartArea.top, chartArea.width, chartArea.height);
    ctx.clip();
    ctx.lineWidth = options.lineWidth ?? 1.5;
    chart.data.datasets.forEach((ds, i) => {
      if (!chart.isDatasetVisible(i) || !ranges[i]) return;
      const meta = chart.getDatasetMeta(i);
      const y = chart.scales[meta.yAxisID ?? 'y'];
      if (!y) return;
      const color = options.color ?? (typeof ds.borderColor === 'string' ? ds.borderColor : '#374151');
      ctx.strokeStyle = color;
      meta.data.forEach((el, j) => {
        const r = ranges[i]![j];
        if (!r) return;
        const { x, width } = el.getProps(['x', 'width'], true) as { x: number; width?: number };
        const cap = width ? Math.max(3, Math.min(8, width * 0.25)) : 4;
        const lo = y.getPixelForValue(r[0]);
        const hi = y.getPixelForValue(r[1]);
        ctx.beginPath();
        ctx.moveTo(x, lo);
        ctx.lineTo(x, hi);
        ctx.moveTo(x - cap, lo);
        ctx.lineTo(x + cap, lo);
        ctx.moveTo(x - cap, hi);
        ctx.lineTo(x + cap, hi);
        ctx.stroke();
      });
    });
    ctx.restore();
  },
};
