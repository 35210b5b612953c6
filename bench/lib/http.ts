// Small HTTP(S) client for the runner's own calls (readiness probes, the lab API): self-signed TLS accepted.
import { Agent, request } from 'undici';

const agent = new Agent({ connect: { rejectUnauthorized: false }, keepAliveTimeout: 10_000 });

export interface Reply {
  readonly status: number;
  readonly body: string;
}

export async function call(url: string, init: { method?: string; json?: unknown; timeoutMs?: number } = {}): Promise<Reply> {
  const body = init.json === undefined ? undefined : JSON.stringify(init.json);
  const res = await request(url, {
    dispatcher: agent,
    method: (init.method ?? (body === undefined ? 'GET' : 'POST')) as 'GET',
    ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }),
    headersTimeout: init.timeoutMs ?? 10_000,
    bodyTimeout: init.timeoutMs ?? 10_000,
  });
  return { status: res.statusCode, body: await res.body.text() };
}

/** GET that must answer 200 with JSON; throws with the status and body otherwise. */
export async function getJson<T>(url: string): Promise<T> {
  const r = await call(url);
  if (r.status !== 200) throw new Error(`GET ${url}: ${r.status} ${r.body.slice(0, 200)}`);
  return JSON.parse(r.body) as T;
}

/** Polls `url` until it answers 200, the deadline passes (throws) or `alive()` says the process died (throws). */
export async function waitReady(url: string, timeoutMs: number, alive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    if (!alive()) throw new Error(`exited before answering ${url}`);
    try {
      const r = await call(url, { timeoutMs: 2_000 });
      if (r.status === 200) return;
      last = `status ${r.status}`;
    } catch (e) {
      last = (e as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`${url} not ready after ${timeoutMs} ms (${last})`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

export async function closeHttp(): Promise<void> {
  await agent.close();
}
