// The runs list: every result file, filterable by scenario, experiment and revision; pick runs to compare;
// expand a run to see all its metrics.
import { api, type BenchResult, type ResultSummary, type SkippedFile } from '../api.ts';
import { h, replace, select } from '../dom.ts';
import { dateTime, shortRev, withUnit } from '../format.ts';
import { go, href } from '../nav.ts';
import { selection } from '../selection.ts';

const uniq = (xs: readonly (string | null)[]) => [...new Set(xs.filter((x): x is string => x !== null))].sort();

export async function renderRuns(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const all = await api.results();
  const filter = { scenario: params.get('scenario') ?? '', experiment: params.get('experiment') ?? '', revision: params.get('revision') ?? '' };
  const tableBox = h('div');
  const compareBtn = h('button', { class: 'primary', id: 'compare-selected', onclick: () => openCompare() }, '');
  const countLabel = h('span', { class: 'muted small' });

  const apply = () => {
    const p: Record<string, string> = {};
    for (const [k, v] of Object.entries(filter)) if (v) p[k] = v;
    history.replaceState(null, '', href('runs', p));
    void load();
  };
  const updateButton = () => {
    const n = selection.ids.length;
    compareBtn.textContent = n < 2 ? 'Compare (tick 2+ runs)' : `Compare ${n} runs`;
    compareBtn.disabled = n < 2;
  };
  const openCompare = () => {
    if (selection.ids.length < 2) return;
    go('compare', { base: selection.ids[0]!, ids: selection.ids.join(',') });
  };

  const bar = h('div', { class: 'filters' },
    h('label', null, 'Scenario', select([['', 'all scenarios'], ...uniq(all.results.map((r) => r.scenario)).map((s) => [s, s] as const)], filter.scenario, {
      id: 'filter-scenario', onchange: (e) => { filter.scenario = (e.target as HTMLSelectElement).value; apply(); },
    })),
    h('label', null, 'Experiment', select([['', 'all experiments'], ...uniq(all.results.map((r) => r.experiment)).map((s) => [s, s] as const)], filter.experiment, {
      id: 'filter-experiment', onchange: (e) => { filter.experiment = (e.target as HTMLSelectElement).value; apply(); },
    })),
    h('label', null, 'Revision', h('input', {
      id: 'filter-revision', type: 'search', placeholder: 'hash prefix', value: filter.revision, spellcheck: 'false',
      onchange: (e) => { filter.revision = (e.target as HTMLInputElement).value.trim(); apply(); },
    })),
    h('span', { class: 'spacer' }),
    countLabel,
    h('button', { onclick: () => { selection.set([]); void load(); } }, 'Clear selection'),
    compareBtn,
  );

  async function load(): Promise<void> {
    const list = await api.results(filter);
    countLabel.textContent = `${list.results.length} of ${all.results.length} runs`;
    replace(tableBox, skippedNotice(list.skipped), list.results.length === 0 ? h('p', { class: 'empty' }, 'No runs match these filters.') : table(list.results));
    updateButton();
  }

  function table(rows: readonly ResultSummary[]): HTMLElement {
    return h('table', { class: 'runs', id: 'runs-table' },
      h('thead', null, h('tr', null, h('th', { class: 'check' }), ['Started', 'Scenario', 'Kind', 'Target', 'Experiment', 'Revision'].map((t) => h('th', null, t)),
        h('th', { class: 'num' }, 'Headline (median ± MAD)'), h('th'))),
      h('tbody', null, rows.map((r) => runRow(r))),
    );
  }

  function runRow(r: ResultSummary): HTMLElement[] {
    const detail = h('tr', { class: 'detail', hidden: true }, h('td', { colspan: 9 }));
    const m = r.headline;
    const row = h('tr', { 'data-id': r.id, class: selection.has(r.id) ? 'selected' : null },
      h('td', { class: 'check' }, h('input', {
        type: 'checkbox', checked: selection.has(r.id), 'aria-label': `select ${r.id}`,
        onchange: (e) => {
          const on = (e.target as HTMLInputElement).checked;
          selection.toggle(r.id, on);
          row.classList.toggle('selected', on);
          updateButton();
        },
      })),
      h('td', { class: 'nowrap' }, dateTime(r.started_at)),
      h('td', null, h('a', { href: href('history', { scenario: r.scenario }), title: 'history of this scenario' }, r.scenario)),
      h('td', null, h('span', { class: `tag ${r.kind}` }, r.kind)),
      h('td', null, r.target, r.reference ? h('span', { class: 'tag ref', title: 'from bench/results/reference/' }, 'reference') : null),
      h('td', null, r.experiment ?? h('span', { class: 'muted' }, '—')),
      h('td', { class: 'mono', title: r.git_revision }, shortRev(r.git_revision), r.git_dirty ? h('span', { class: 'dirty', title: 'uncommitted changes' }, '+') : null),
      h('td', { class: 'num' }, h('span', { class: 'muted' }, `${m.name} `), withUnit(m.median, m.unit), h('span', { class: 'muted' }, ` ± ${withUnit(m.mad, m.unit)}`)),
      h('td', { class: 'actions' }, h('button', { class: 'link', onclick: () => void toggleDetail(r.id, detail) }, 'details')),
    );
    return [row, detail];
  }

  async function toggleDetail(id: string, tr: HTMLTableRowElement): Promise<void> {
    if (!tr.hidden) {
      tr.hidden = true;
      return;
    }
    tr.hidden = false;
    replace(tr.firstElementChild!, detailOf(await api.result(id)));
  }

  replace(root, h('section', { class: 'card' }, h('h1', null, 'Benchmark runs'),
    h('p', { class: 'lead' }, 'Every result in bench/results (and bench/results/reference). Tick runs and compare them; click a scenario for its history.'),
    bar, tableBox));
  await load();
}

function skippedNotice(skipped: readonly SkippedFile[]): HTMLElement | null {
  if (skipped.length === 0) return null;
  return h('details', { class: 'notice warn', id: 'skipped' },
    h('summary', null, `${skipped.length} result file${skipped.length === 1 ? ' was' : 's were'} skipped (malformed)`),
    h('ul', null, skipped.map((s) => h('li', null, h('code', null, s.file), ` — ${s.error}`))));
}

function detailOf(r: BenchResult): HTMLElement {
  const kv = (o: Readonly<Record<string, unknown>>) => Object.entries(o).map(([k, v]) => h('span', { class: 'kv' }, h('b', null, k), ' ', String(v)));
  return h('div', { class: 'detail-box' },
    h('table', { class: 'metrics' },
      h('thead', null, h('tr', null, ['Metric', 'Median', 'MAD', 'Min', 'Max', 'Samples', 'Better'].map((t, i) => h('th', { class: i > 0 && i < 6 ? 'num' : null }, t)))),
      h('tbody', null, Object.entries(r.metrics).map(([name, m]) => h('tr', null, h('td', null, name),
        [m.median, m.mad, m.min, m.max].map((v) => h('td', { class: 'num' }, withUnit(v, m.unit))), h('td', { class: 'num' }, m.samples.length), h('td', null, m.better))))),
    h('div', { class: 'kvs' }, h('span', { class: 'kv' }, h('b', null, 'id'), ' ', h('code', null, r.id)), kv({ node: r.node_version, cpu: `${r.cpu_model} ×${r.cpu_count}`, errors: r.errors }),
      kv(r.slots), kv(r.params)),
  );
}
