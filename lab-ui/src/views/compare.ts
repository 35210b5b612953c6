// The compare view (modelled on rustc-perf's compare page): a baseline run and others, grouped into series;
// per scenario a bar chart of each metric's % change against the baseline with min–max whiskers, then a table
// of medians, changes and ratios where significant differences (the CLI's noise rule) are coloured.
import { api, fetchResults, type BenchResult, type ResultSummary } from '../api.ts';
import { alpha, Chart, color } from '../charts.ts';
import { buildComparison, pctOf, type ComparisonModel, type Row } from '../compare-model.ts';
import { h, replace, select } from '../dom.ts';
import type { Range } from '../error-bars.ts';
import { dateTime, pct, shortRev, withUnit } from '../format.ts';
import { go, href } from '../nav.ts';
import { selection } from '../selection.ts';
import type { Cleanup } from '../main.ts';

const runName = (r: ResultSummary | BenchResult) =>
  `${r.scenario} · ${r.experiment ?? r.target} @${shortRev(r.git_revision)} · ${dateTime(r.started_at)}`;

export async function renderCompare(root: HTMLElement, params: URLSearchParams): Promise<Cleanup> {
  const ids = (params.get('ids') ?? selection.ids.join(',')).split(',').filter(Boolean);
  const charts: Chart[] = [];
  const cleanup = () => charts.forEach((c) => c.destroy());
  if (ids.length < 2) {
    replace(root, h('section', { class: 'card' }, h('h1', null, 'Compare runs'),
      h('p', { class: 'empty' }, 'Pick at least two runs in ', h('a', { href: href('runs') }, 'the runs list'), ' (tick them, then "Compare").')));
    return cleanup;
  }
  const base = ids.includes(params.get('base') ?? '') ? params.get('base')! : ids[0]!;
  const [runs, all] = await Promise.all([fetchResults(ids), api.results()]);
  selection.set(ids);
  const model = buildComparison(runs, base);
  let onlySignificant = params.get('significant') === '1';
  const reopen = (p: { base?: string; ids?: string[] }) => go('compare', { base: p.base ?? base, ids: (p.ids ?? ids).join(','), ...(onlySignificant ? { significant: '1' } : {}) });

  const controls = h('div', { class: 'filters' },
    h('label', null, 'Baseline', select(runs.map((r) => [r.id, runName(r)] as const), base, { id: 'baseline', onchange: (e) => reopen({ base: (e.target as HTMLSelectElement).value }) })),
    h('label', null, 'Add a run', select([['', 'choose…'], ...all.results.filter((r) => !ids.includes(r.id)).map((r) => [r.id, runName(r)] as const)], '', {
      id: 'add-run', onchange: (e) => reopen({ ids: [...ids, (e.target as HTMLSelectElement).value] }),
    })),
    h('span', { class: 'spacer' }),
    h('label', { class: 'inline' }, h('input', { type: 'checkbox', id: 'only-significant', checked: onlySignificant, onchange: (e) => {
      onlySignificant = (e.target as HTMLInputElement).checked;
      replace(tableBox, table(model, onlySignificant));
    } }), 'Only significant changes'),
  );
  const chips = h('div', { class: 'chips' }, model.series.map((s, i) => h('span', { class: 'chip', style: `--c:${color(i)}` },
    h('i'), i === 0 ? [h('b', null, s.label), h('span', { class: 'tag base' }, 'baseline')] : s.label,
    h('span', { class: 'muted' }, ` — ${[...s.runs.keys()].join(', ')}`),
    i === 0 ? null : h('button', { class: 'link', title: 'remove these runs', onclick: () => reopen({ ids: ids.filter((id) => ![...s.runs.values()].some((r) => r.id === id)) }) }, '×'),
  )));

  const scenarios = [...new Set(model.rows.map((r) => r.scenario))];
  const chartGrid = h('div', { class: 'chart-grid' });
  const tableBox = h('div', null, table(model, onlySignificant));
  replace(root,
    h('section', { class: 'card' }, h('h1', null, 'Compare runs'),
      h('p', { class: 'lead' }, 'Bars: change of each metric\'s median against the baseline; whiskers: each run\'s min–max. ',
        'Significant: |Δ median| > 1.4826 · (MAD', h('sub', null, 'base'), ' + MAD', h('sub', null, 'run'), '), the rule of ', h('code', null, 'npm run bench -- --compare'),
        ' (with 2 samples the min–max ranges must not overlap; 1 sample is too few to say).'),
      controls, chips),
    chartGrid,
    h('section', { class: 'card' }, h('h2', null, 'All metrics'), legend(), tableBox),
  );
  for (const scenario of scenarios) {
    const rows = model.rows.filter((r) => r.scenario === scenario);
    const card = h('section', { class: 'card chart-card' }, h('h2', null, scenario));
    chartGrid.append(card);
    if (!rows.some((r) => r.cells[0]!.metric)) {
      card.append(h('p', { class: 'empty' }, `The baseline series has no ${scenario} run: nothing to compare against.`));
      continue;
    }
    const canvas = h('canvas', { 'aria-label': `${scenario}: % change against the baseline` });
    card.append(h('div', { class: 'chart-box' }, canvas));
    charts.push(scenarioChart(canvas, model, rows));
  }
  return cleanup;
}

function scenarioChart(canvas: HTMLCanvasElement, model: ComparisonModel, rows: readonly Row[]): Chart {
  const used = model.series.map((_, i) => i).filter((i) => i === 0 || rows.some((r) => r.cells[i]!.metric));
  const datasets = used.map((i) => {
    const values = rows.map((r) => (r.cells[i]!.metric && r.cells[0]!.metric ? pctOf(r.cells[i]!.metric!.median, r.cells[0]!.metric!.median) : null));
    const strong = rows.map((r) => i === 0 || r.cells[i]!.cmp?.significant === true);
    return {
      label: model.series[i]!.label,
      data: values,
      backgroundColor: strong.map((s) => alpha(color(i), s ? 0.85 : 0.28)),
      borderColor: color(i),
      borderWidth: 1,
      maxBarThickness: 56,
    };
  });
  const ranges = used.map((i) => rows.map((r): Range => {
    const m = r.cells[i]!.metric;
    const b = r.cells[0]!.metric;
    return m && b ? [pctOf(m.min, b.median), pctOf(m.max, b.median)] : null;
  }));
  return new Chart(canvas, {
    type: 'bar',
    data: { labels: rows.map((r) => [r.metric, r.better === 'lower' ? '(lower is better)' : '(higher is better)']), datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        y: { title: { display: true, text: '% change vs baseline' }, ticks: { callback: (v) => `${Number(v) > 0 ? '+' : ''}${v} %` }, grid: { color: (c) => (c.tick.value === 0 ? '#9ca3af' : '#eef0f3') } },
        x: { grid: { display: false } },
      },
      plugins: {
        errorBars: { ranges, color: '#111827' },
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            label: (item) => {
              const row = rows[item.dataIndex]!;
              const m = row.cells[used[item.datasetIndex]!]!.metric;
              if (!m) return '';
              return `${item.dataset.label}: ${pct(Number(item.raw) / 100)} (median ${withUnit(m.median, m.unit)}, ${withUnit(m.min, m.unit)}–${withUnit(m.max, m.unit)})`;
            },
          },
        },
      },
    },
  });
}

function legend(): HTMLElement {
  return h('p', { class: 'legend small' },
    h('span', { class: 'verdict improvement' }, 'improvement'), ' ', h('span', { class: 'verdict regression' }, 'regression'), ' ',
    h('span', { class: 'verdict noise' }, 'within noise'), ' ', h('span', { class: 'verdict unknown', title: 'a run with a single sample says nothing about noise' }, 'too few samples'),
    h('span', { class: 'muted' }, '  ·  Δ = change of the median, × = ratio to the baseline median, ↓ / ↑ = lower / higher is better'));
}

function table(model: ComparisonModel, onlySignificant: boolean): HTMLElement {
  const others = model.series.slice(1);
  const rows = onlySignificant ? model.rows.filter((r) => r.cells.slice(1).some((c) => c.cmp?.significant)) : model.rows;
  if (rows.length === 0) return h('p', { class: 'empty' }, 'No significant changes.');
  return h('table', { class: 'compare', id: 'compare-table' },
    h('thead', null, h('tr', null, h('th', null, 'Scenario'), h('th', null, 'Metric'),
      h('th', { class: 'num' }, h('i', { class: 'swatch', style: `--c:${color(0)}` }), model.series[0]!.label, h('div', { class: 'muted small' }, 'median ± MAD')),
      others.map((s, i) => h('th', { class: 'num' }, h('i', { class: 'swatch', style: `--c:${color(i + 1)}` }), s.label, h('div', { class: 'muted small' }, 'median · Δ · ×'))))),
    h('tbody', null, rows.map((r) => {
      const b = r.cells[0]!.metric;
      return h('tr', null,
        h('td', null, r.scenario), h('td', null, r.metric, h('span', { class: 'muted small' }, r.better === 'lower' ? ' ↓' : ' ↑')),
        h('td', { class: 'num' }, b ? [withUnit(b.median, b.unit), h('span', { class: 'muted' }, ` ± ${withUnit(b.mad, b.unit)}`)] : h('span', { class: 'muted' }, '—')),
        r.cells.slice(1).map((c) => {
          if (!c.metric) return h('td', { class: 'num muted' }, '—');
          if (!c.cmp) return h('td', { class: 'num' }, withUnit(c.metric.median, c.metric.unit));
          return h('td', { class: `num cmp ${c.cmp.verdict}`, 'data-verdict': c.cmp.verdict, title: c.cmp.verdict === 'unknown' ? 'too few samples to judge' : `noise threshold ±${withUnit(c.cmp.threshold, r.unit)}` },
            h('span', { class: 'muted' }, withUnit(c.metric.median, c.metric.unit), ' · '),
            h('b', null, pct(c.cmp.change)), h('span', { class: 'ratio' }, ` ×${c.cmp.ratio.toFixed(c.cmp.ratio >= 10 ? 1 : 3)}`));
        }),
      );
    })),
  );
}
