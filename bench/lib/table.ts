// Plain-text tables for the terminal: the --compare table and the end-of-run summary.
import type { Comparison } from './compare.ts';

/** A number in 3–4 significant digits with its unit; ns values scaled to µs/ms/s. */
export function formatValue(v: number, unit: string): string {
  if (!Number.isFinite(v)) return String(v);
  if (unit === 'ns') {
    if (v >= 1e9) return `${(v / 1e9).toPrecision(3)} s`;
    if (v >= 1e6) return `${(v / 1e6).toPrecision(3)} ms`;
    if (v >= 1e3) return `${(v / 1e3).toPrecision(3)} µs`;
    return `${v.toPrecision(3)} ns`;
  }
  if (unit === 'bytes') return v >= 1048576 ? `${(v / 1048576).toFixed(1)} MiB` : `${(v / 1024).toFixed(1)} KiB`;
  const abs = Math.abs(v);
  const s = Number.isInteger(v) ? v.toLocaleString('en-US') : abs >= 10_000 ? Math.round(v).toLocaleString('en-US') : abs >= 100 ? v.toFixed(0) : abs >= 1 ? v.toFixed(2) : v.toPrecision(3);
  return unit === '' || unit === 'ratio' ? s : `${s} ${unit}`;
}

/** Columns padded to their widest cell; numbers (cells starting with a digit, ±, ×) right-aligned. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = (s: string) => /^[-+×~±0-9]/.test(s);
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (numeric(c) && i > 0 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** One table per scenario: metric, median A, median B, B/A, ±spread A, ±spread B, n, verdict. */
export function comparisonTable(c: Comparison, labelA: string, labelB: string): string {
  const parts: string[] = [];
  const scenarios = [...new Set(c.rows.map((r) => `${r.scenario}\0${r.subject}`))];
  for (const s of scenarios) {
    const [scenario, subject] = s.split('\0') as [string, string];
    const rows = c.rows.filter((r) => r.scenario === scenario && r.subject === subject).map((r) => [
      r.metric,
      formatValue(r.a.median, r.unit),
      formatValue(r.b.median, r.unit),
      `×${r.ratio.toFixed(3)}`,
      `±${formatValue(r.spreadA, r.unit)}`,
      `±${formatValue(r.spreadB, r.unit)}`,
      `${r.a.samples.length}/${r.b.samples.length}`,
      r.verdict,
    ]);
    parts.push(`${scenario} — ${subject}\n` + renderTable(['metric', `A: ${labelA}`, `B: ${labelB}`, 'B/A', 'spread A', 'spread B', 'n A/B', 'verdict'], rows));
  }
  if (c.unmatched.length > 0) parts.push(`not compared (no counterpart):\n  ${c.unmatched.join('\n  ')}`);
  if (parts.length === 0) parts.push('nothing to compare: the two runs share no scenario and metric');
  return parts.join('\n\n');
}
