// Number, unit, time and revision formatting for the dashboard.

const SI = [[1e9, 'G'], [1e6, 'M'], [1e3, 'k']] as const;

/** Three significant digits, trailing zeros dropped (1234 → "1,230", 0.01234 → "0.0123"). */
export function num(x: number): string {
  if (!Number.isFinite(x)) return '–';
  const a = Math.abs(x);
  if (a >= 1000) return Math.round(x).toLocaleString('en-US');
  if (a === 0) return '0';
  return String(Number(x.toPrecision(3)));
}

/** A value in its unit, scaled to a readable one for time and bytes (12 345 ns → "12.3 µs"). */
export function withUnit(x: number, unit: string): string {
  if (!Number.isFinite(x)) return '–';
  const a = Math.abs(x);
  if (unit === 'ns' || unit === 'µs' || unit === 'us' || unit === 'ms' || unit === 's') {
    const ns = x * ({ ns: 1, µs: 1e3, us: 1e3, ms: 1e6, s: 1e9 } as Record<string, number>)[unit]!;
    const n = Math.abs(ns);
    if (n >= 1e9) return `${num(ns / 1e9)} s`;
    if (n >= 1e6) return `${num(ns / 1e6)} ms`;
    if (n >= 1e3) return `${num(ns / 1e3)} µs`;
    return `${num(ns)} ns`;
  }
  if (unit === 'bytes' || unit === 'B') return bytes(x);
  for (const [f, p] of SI) if (a >= f * 10) return `${num(x / f)}${p} ${unit}`;
  return `${num(x)} ${unit}`;
}

export function bytes(x: number): string {
  const a = Math.abs(x);
  if (a >= 1024 ** 3) return `${num(x / 1024 ** 3)} GiB`;
  if (a >= 1024 ** 2) return `${num(x / 1024 ** 2)} MiB`;
  if (a >= 1024) return `${num(x / 1024)} KiB`;
  return `${x} B`;
}

/** "+12.3 %", "−4.01 %" (a real minus sign). */
export function pct(fraction: number): string {
  if (!Number.isFinite(fraction)) return '–';
  const v = fraction * 100;
  const s = Math.abs(v) >= 100 ? Math.round(Math.abs(v)).toLocaleString('en-US') : Number(Math.abs(v).toPrecision(3)).toString();
  return `${v > 0 ? '+' : v < 0 ? '−' : '±'}${s} %`;
}

export const shortRev = (rev: string) => (/^[0-9a-f]{12,}$/.test(rev) ? rev.slice(0, 7) : rev);

/** "2025-11-20 14:03" in local time. */
export function dateTime(iso: string | number): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** "14:03:07" in local time. */
export function clock(t: number): string {
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
