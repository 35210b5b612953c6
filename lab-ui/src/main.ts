// The dashboard's entry: a hash router over four views (runs, compare, history, live). Each view renders into
// <main> and returns a cleanup (charts destroyed, sockets closed) run before the next one renders.
import './style.css';
import { h, replace } from './dom.ts';
import { renderCompare } from './views/compare.ts';
import { renderHistory } from './views/history.ts';
import { renderLive } from './views/live.ts';
import { renderRuns } from './views/runs.ts';

export type Cleanup = () => void;
export type View = (root: HTMLElement, params: URLSearchParams) => Cleanup | void | Promise<Cleanup | void>;

const VIEWS: Readonly<Record<string, { title: string; render: View }>> = {
  runs: { title: 'Runs', render: renderRuns },
  compare: { title: 'Compare', render: renderCompare },
  history: { title: 'History', render: renderHistory },
  live: { title: 'Live', render: renderLive },
};

let cleanup: Cleanup | void = undefined;
let generation = 0;

function parseHash(): { name: string; params: URLSearchParams } {
  const raw = location.hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const name = q < 0 ? raw : raw.slice(0, q);
  return { name: name in VIEWS ? name : 'runs', params: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)) };
}

async function route(): Promise<void> {
  const { name, params } = parseHash();
  const mine = ++generation;
  cleanup?.();
  cleanup = undefined;
  const nav = document.getElementById('nav')!;
  replace(nav, Object.entries(VIEWS).map(([key, v]) => h('a', { href: `#/${key}`, class: key === name ? 'active' : null, 'data-view': key }, v.title)));
  const root = document.getElementById('view')!;
  root.replaceChildren();
  root.dataset.view = name;
  document.title = `${VIEWS[name]!.title} · Fluctlight lab`;
  try {
    const c = await VIEWS[name]!.render(root, params);
    if (mine === generation) cleanup = c;
    else c?.();
  } catch (e) {
    if (mine === generation) replace(root, h('div', { class: 'notice error' }, `Could not load this view: ${(e as Error).message}`));
  }
}

window.addEventListener('hashchange', () => void route());
void route();
