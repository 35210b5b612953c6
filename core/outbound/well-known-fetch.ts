// Default well-known fetcher: GET https://<hostname>/.well-known/matrix/server over undici, following redirects.
import type { Dispatcher } from 'undici';
import { readBody } from './read-body.ts';
import { joinHostPort } from './server-name.ts';
import type { WellKnownFetcher } from './well-known.ts';

export interface WellKnownFetchOptions {
  dispatcher: Dispatcher;
  /** 443 per spec; other values are for tests against a local server. */
  port?: number;
  /** Whole-fetch deadline including redirects. Default 10 s. */
  timeoutMs?: number;
  /** Default 64 KiB: the document is one small JSON object. */
  maxBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export function createWellKnownFetcher(opts: WellKnownFetchOptions): WellKnownFetcher {
  const port = opts.port ?? 443;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const maxBytes = opts.maxBytes ?? 65_536;
  const maxRedirects = opts.maxRedirects ?? 5;

  return async (hostname) => {
    const signal = AbortSignal.timeout(timeoutMs);
    let url = new URL(`https://${joinHostPort(hostname, port === 443 ? undefined : port)}/.well-known/matrix/server`);
    const seen = new Set<string>();
    // Spec step 3: "30x redirects should be followed, however redirection loops should be avoided."
    for (;;) {
      seen.add(url.href);
      const res = await opts.dispatcher.request({
        origin: url.origin,
        path: url.pathname + url.search,
        method: 'GET',
        signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const location = res.headers['location'];
      if (REDIRECTS.has(res.statusCode) && typeof location === 'string') {
        await res.body.dump();
        const next = new URL(location, url);
        if (next.protocol !== 'https:') throw new Error(`well-known redirect to non-HTTPS ${next.href}`);
        if (seen.has(next.href)) throw new Error(`well-known redirect loop at ${next.href}`);
        if (seen.size > maxRedirects) throw new Error('well-known: too many redirects');
        url = next;
        continue;
      }
      const body = await readBody(res.body, maxBytes, res.headers['content-length']);
      const cc = res.headers['cache-control'];
      return { status: res.statusCode, cacheControl: Array.isArray(cc) ? cc.join(', ') : cc, body };
    }
  };
}
