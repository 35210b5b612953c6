// chart.js set-up for the dashboard: only the parts we use are registered (chart.js is tree-shakeable), plus
// our two plugins, a palette and shared defaults.
import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, Tooltip,
} from 'chart.js';
import { errorBars } from './error-bars.ts';
import { swapMarkers } from './swap-markers.ts';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, LogarithmicScale, Tooltip, Legend, errorBars, swapMarkers);

Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
Chart.defaults.font.size = 12;
Chart.defaults.color = '#4b5563';
Chart.defaults.borderColor = '#e5e7eb';
Chart.defaults.plugins.legend.labels.boxWidth = 12;
Chart.defaults.plugins.legend.labels.boxHeight = 12;

export { Chart };

/** Series colours, baseline first. */
export const PALETTE = ['#64748b', '#2563eb', '#db2777', '#059669', '#d97706', '#7c3aed', '#0891b2', '#65a30d'] as const;

export const color = (i: number): string => PALETTE[i % PALETTE.length]!;

/** `#rrggbb` at an opacity. */
export function alpha(hex: string, a: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
}
