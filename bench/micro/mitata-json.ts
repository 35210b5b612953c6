// Reads the JSON mitata prints for `<x>.bench.ts --json` (format json, samples off): each benchmark's
// median (p50, ns per op) keyed "<group>/<implementation>", and the benchmarks that threw.
export interface MitataReport {
  layout: { name: string | null }[];
  benchmarks: { alias: string; group: number; runs: { name: string; stats?: { p50: number }; error?: { message?: string } | unknown }[] }[];
  context?: { cpu?: { name?: string; freq?: number }; runtime?: string; version?: string; arch?: string };
}

export interface MitataMedians {
  /** "<group>/<name>" (or "<name>" outside a group) → p50 in ns. Insertion order = run order. */
  readonly medians: Map<string, number>;
  readonly errors: string[];
}

export function parseMitata(stdout: string): MitataReport {
  const start = stdout.indexOf('{');
  const report = JSON.parse(start > 0 ? stdout.slice(start) : stdout) as MitataReport;
  if (!Array.isArray(report.layout) || !Array.isArray(report.benchmarks)) throw new Error('not a mitata JSON report (no layout/benchmarks)');
  return report;
}

export function mitataMedians(report: MitataReport): MitataMedians {
  const medians = new Map<string, number>();
  const errors: string[] = [];
  for (const b of report.benchmarks) {
    const group = report.layout[b.group]?.name ?? null;
    for (const run of b.runs) {
      const base = group === null ? run.name : `${group}/${run.name}`;
      let key = base;
      for (let n = 2; medians.has(key); n++) key = `${base} #${n}`;
      if (run.stats && Number.isFinite(run.stats.p50)) medians.set(key, run.stats.p50);
      else {
        const e = run.error as { message?: unknown } | undefined;
        errors.push(`${base}: ${typeof e?.message === 'string' ? e.message : JSON.stringify(run.error ?? 'no stats')}`);
      }
    }
  }
  return { medians, errors };
}

/** A --filter regex keeping benchmarks named by these implementations alone or joined by " + " (pairs). */
export function implFilter(impls: readonly string[]): string {
  const alt = `(?:${impls.map((i) => i.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`;
  return `^${alt}(?: \\+ ${alt})*$`;
}
