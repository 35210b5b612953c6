// The lab's REST API as the dashboard uses it. Paths are absolute (/_lab/…): the page is served either by the
// admin port itself (at /lab/) or by the Vite dev server, which proxies /_lab to it.
import type { BenchResult } from '../../bench/lib/result.ts';
import type { ResultList } from '../../core/lab/lab-wire.ts';

export type { BenchResult, Metric } from '../../bench/lib/result.ts';
export type { LiveFrame, LiveHello, LiveMessage, LiveSwap, ResultList, ResultSummary, SkippedFile } from '../../core/lab/lab-wire.ts';

export class ApiError extends Error {
  constructor(readonly status: number, readonly errcode: string, message: string) {
    super(message);
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new ApiError(res.status, 'M_NOT_JSON', `${method} ${path}: ${res.status}, not JSON`);
  }
  if (!res.ok) {
    const e = json as { errcode?: string; error?: string };
    throw new ApiError(res.status, e.errcode ?? 'M_UNKNOWN', e.error ?? `${method} ${path}: ${res.status}`);
  }
  return json as T;
}

export interface SlotStatus {
  impl: string;
  generation: number;
  available: string[];
}

export interface Status {
  server_name: string;
  uptime_ms: number;
  experiment: string;
  reloads: number;
  slots: Record<string, SlotStatus>;
}

export interface ExperimentInfo {
  name: string;
  extends: string | null;
  /** Every slot, resolved through `extends`. */
  slots: Record<string, string>;
  /** Only the slots this experiment sets itself. */
  delta: Record<string, string>;
  notes: string | null;
  active: boolean;
}

export interface SwapReply {
  slot: string;
  impl: string;
  generation: number;
  swap_ms: number;
}

export interface ResultQuery {
  scenario?: string;
  experiment?: string;
  revision?: string;
}

export const api = {
  results(q: ResultQuery = {}): Promise<ResultList> {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v) p.set(k, v);
    const qs = p.toString();
    return request('GET', `/_lab/results${qs ? `?${qs}` : ''}`);
  },
  result: (id: string): Promise<BenchResult> => request('GET', `/_lab/results/${encodeURIComponent(id)}`),
  status: (): Promise<Status> => request('GET', '/_lab/status'),
  experiments: async (): Promise<ExperimentInfo[]> => (await request<{ experiments: ExperimentInfo[] }>('GET', '/_lab/experiments')).experiments,
  swap: (slot: string, impl: string): Promise<SwapReply> => request('PUT', `/_lab/slots/${encodeURIComponent(slot)}`, { impl }),
  applyExperiment: (name: string): Promise<{ experiment: string; swaps: SwapReply[] }> => request('POST', `/_lab/experiments/${encodeURIComponent(name)}`),
};

/** Fetches several full results, a few at a time. */
export async function fetchResults(ids: readonly string[]): Promise<BenchResult[]> {
  const out: BenchResult[] = new Array(ids.length);
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const i = next++;
      out[i] = await api.result(ids[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(6, ids.length) }, worker));
  return out;
}
