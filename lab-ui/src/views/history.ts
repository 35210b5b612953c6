// The history view: one scenario's metric (median, min–max whiskers) over its runs ordered by start time,
// labelled by git revision, one line per configuration (experiment or target).
import { api, fetchResults } from '../api.ts';
import { Chart, color } from '../charts.ts';
import { h, replace, select } from '../dom.ts';
import { buildHistory, configOf, metricNames } from '../history-model.ts';
import { compareMetric } from '../../../core/lab/noise.ts';
import { pct, withUnit } from '../format.ts';
import { go } from '../nav.ts';
import type { Cleanup } from '../main.ts';

export async function renderHistory(root: HTMLElement, params: URLSearchParams): Promise<Cleanup> {
  let chart: Chart | undefined;
  const cleanup = () => chart?.destroy();
  const all = await api.results();
  const scenarios = [...new Set(all.results.map((r) => r.scenario))].sort();
  if (scenarios.length === 0) {
    replace(root, h('section', { class: 'card' }, h('h1', null, 'History'), h('p', { class: 'empty' }, 'No results yet.')));
    return cleanup;
  }
  const scenario = scenarios.includes(params.get('scenario') ?? '') ? params.get('scenario')! : scenarios[0]!;
  const runs = await fetchResults((await api.results({ scenario })).results.map((r) => r.id));
  const metrics = metricNames(runs);
  const metric = metrics.includes(params.get('metric') ?? '') ? params.get('metric')! : metrics[0]!;
  const full = buildHistory(runs, metric)!;
  // One configuration at a time by default (the baseline's): configurations can differ by orders of magnitude.
  const configs = full.series.map((s) => s.label);
  const wanted = params.get('config');
  const config = wanted === 'all' || configs.includes(wanted ?? '') ? wanted! : configs[0]!;
  const model = buildHistory(config === 'all' ? runs : runs.filter((r) => configOf(r) === config), metric)!;
  const nav = (p: Record<string, string>) => go('history', { scenario, metric, config, ...p });

  const canvas = h('canvas', { 'aria-label': `${scenario} ${metric} over revisions` });
  replace(root,
    h('section', { class: 'card' }, h('h1', null, 'History'),
      h('p', { class: 'lead' }, 'A scenario\'s median over git revisions, ordered by when each run started. Whiskers span each run\'s min–max.'),
      h('div', { class: 'filters' },
        h('label', null, 'Scenario', select(scenarios.map((s) => [s, s] as const), scenario, { id: 'history-scenario', onchange: (e) => go('history', { scenario: (e.target as HTMLSelectElement).value }) })),
        h('label', null, 'Metric', select(metrics.map((m) => [m, m] as const), metric, { id: 'history-metric', onchange: (e) => nav({ metric: (e.target as HTMLSelectElement).value }) })),
        h('label', null, 'Configuration', select([...configs.map((c) => [c, c] as const), ['all', 'all configurations']], config, {
          id: 'history-config', onchange: (e) => nav({ config: (e.target as HTMLSelectElement).value }),
        })),
        h('span', { class: 'spacer' }),
        h('span', { class: 'muted small' }, `${model.points.length} runs`))),
    h('section', { class: 'card' }, h('div', { class: 'chart-box tall' }, canvas)),
    h('section', { class: 'card' }, h('table', { class: 'runs' },
      h('thead', null, h('tr', null, ['Revision', 'Started', 'Configuration'].map((t) => h('th', null, t)), h('th', { class: 'num' }, 'Median'),
        h('th', { class: 'num' }, 'Min – max'), h('th', { class: 'num', title: 'against the previous run of the same configuration, by the noise rule' }, 'vs previous'))),
      h('tbody', null, model.points.map(({ run, label }, i) => {
        const m = run.metrics[metric]!;
        const prev = model.points.slice(0, i).reverse().find((p) => configOf(p.run) === configOf(run))?.run.metrics[metric];
        const step = prev ? compareMetric(prev, m) : null;
        return h('tr', null, h('td', { class: 'mono', title: run.git_revision }, label[0]!), h('td', null, label[1]!),
          h('td', null, configOf(run)),
          h('td', { class: 'num' }, withUnit(m.median, m.unit)), h('td', { class: 'num muted' }, `${withUnit(m.min, m.unit)} – ${withUnit(m.max, m.unit)}`),
          step ? h('td', { class: `num step ${step.verdict}`, 'data-verdict': step.verdict }, pct(step.change)) : h('td', { class: 'num muted' }, '—'));
      }).reverse()))),
  );

  chart = new Chart(canvas, {
    type: 'line',
    data: {
      labels: model.points.map((p) => [...p.label]),
      datasets: model.series.map((s) => ({
        label: s.label, data: [...s.values], borderColor: color(configs.indexOf(s.label)), backgroundColor: color(configs.indexOf(s.label)), spanGaps: true,
        pointRadius: 4, pointHoverRadius: 6, borderWidth: 2, tension: 0,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        y: { title: { display: true, text: `${metric}: median (${model.better} is better)` }, ticks: { callback: (v) => withUnit(Number(v), model.unit) }, grace: '5%' },
        x: { grid: { display: false }, offset: true },
      },
      plugins: {
        errorBars: { ranges: model.series.map((s) => s.ranges) },
        legend: { display: model.series.length > 1, position: 'bottom' },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${withUnit(Number(item.raw), model.unit)}` } },
      },
    },
  });
  return cleanup;
}
