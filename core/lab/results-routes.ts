// GET /_lab/results (summaries, filterable by scenario, experiment, revision, target, kind) and
// GET /_lab/results/{id} (the whole BenchResult file).
import type { Route } from '../http/route.ts';
import type { ResultFilter, ResultsStore } from './results-store.ts';

const FILTERS = ['scenario', 'experiment', 'revision', 'target', 'kind'] as const;

export function resultsRoutes(store: ResultsStore): Route[] {
  const list: Route = {
    method: 'GET', path: '/_lab/results', auth: 'none',
    async handle(req) {
      const q = req.query();
      const filter: ResultFilter = {};
      for (const k of FILTERS) {
        const v = q.get(k);
        if (v !== null && v !== '') filter[k] = v;
      }
      const { results, skipped } = await store.list(filter);
      return { json: { results, skipped } };
    },
  };
  const one: Route = {
    method: 'GET', path: '/_lab/results/:id', auth: 'none',
    async handle(req) {
      return { json: await store.get(req.params[0]!) };
    },
  };
  return [list, one];
}
