// A chart.js plugin marking events (slot swaps) on a linear time axis: a dashed vertical line and a short label.
import type { Chart, ChartType, Plugin } from 'chart.js';

export interface Marker {
  /** Position on the x axis (ms since the epoch in the live charts). */
  t: number;
  label: string;
  ok: boolean;
}

export interface SwapMarkersOptions {
  markers?: readonly Marker[];
  /** Draw labels (the first chart of a group does; the others just draw lines). */
  labels?: boolean;
}

declare module 'chart.js' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the type parameter must match chart.js's declaration
  interface PluginOptionsByType<TType extends ChartType> {
    swapMarkers?: SwapMarkersOptions;
  }
}

const OK = '#7c3aed';
const FAILED = '#dc2626';

export const swapMarkers: Plugin = {
  id: 'swapMarkers',
  afterDatasetsDraw(chart: Chart, _args, options: SwapMarkersOptions) {
    const x = chart.scales.x;
    if (!x || !options.markers?.length) return;
    const { ctx, chartArea: area } = chart;
    ctx.save();
    ctx.font = '600 11px system-ui, sans-serif';
    ctx.textBaseline = 'top';
    for (const m of options.markers) {
      if (m.t < x.min || m.t > x.max) continue;
      const px = Math.round(x.getPixelForValue(m.t)) + 0.5;
      const color = m.ok ? OK : FAILED;
      ctx.strokeStyle = color;
      ctx.lineWidth = 1.5;
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(px, area.top);
      ctx.lineTo(px, area.bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      if (options.labels === false) continue;
      const w = ctx.measureText(m.label).width + 8;
      const left = px + 4 + w > area.right ? px - 4 - w : px + 4;
      ctx.fillStyle = 'rgba(255,255,255,0.92)';
      ctx.fillRect(left, area.top + 2, w, 16);
      ctx.fillStyle = color;
      ctx.fillText(m.label, left + 4, area.top + 4);
    }
    ctx.restore();
  },
};
