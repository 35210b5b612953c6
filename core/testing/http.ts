// Test support: plain HTTP(S) JSON calls to a server under test (self-signed certificates accepted).
import { Agent, request } from 'undici';

const insecure = new Agent({ connect: { rejectUnauthorized: false }, keepAliveTimeout: 1_000 });

export interface HttpResult {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

export async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
  const payload = body === undefined ? undefined : typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
  const res = await request(url, {
    method: method as 'GET',
    body: payload ?? null,
    headers: payload === undefined ? headers : { 'content-type': 'application/json', ...headers },
    dispatcher: insecure,
  });
  const text = await res.body.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.statusCode, body: parsed, text, headers: res.headers };
}
