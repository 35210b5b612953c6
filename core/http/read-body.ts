// Reads a request body from uWebSockets.js into one Uint8Array, enforcing a size limit.
import type { HttpResponse } from 'uWebSockets.js';

export type BodyOutcome = { ok: true; body: Uint8Array } | { ok: false; tooLarge: true };

/**
 * Collects `onData` chunks. uWS neuters each chunk's ArrayBuffer when the callback returns, so every chunk is
 * copied: straight into a buffer of the announced Content-Length when there is one (one allocation, no concat),
 * else into a list that is joined once at the end.
 */
export function readBody(res: HttpResponse, contentLength: number, limit: number, done: (o: BodyOutcome) => void): void {
  if (contentLength > limit) {
    done({ ok: false, tooLarge: true });
    return;
  }
  let finished = false;
  if (contentLength >= 0) {
    const body = new Uint8Array(contentLength);
    let offset = 0;
    res.onData((chunk, isLast) => {
      if (finished) return;
      const bytes = new Uint8Array(chunk);
      if (offset + bytes.length > contentLength) {
        finished = true;
        done({ ok: false, tooLarge: true });
        return;
      }
      body.set(bytes, offset);
      offset += bytes.length;
      if (isLast) {
        finished = true;
        done({ ok: true, body: offset === contentLength ? body : body.subarray(0, offset) });
      }
    });
    return;
  }
  const parts: Uint8Array[] = [];
  let total = 0;
  res.onData((chunk, isLast) => {
    if (finished) return;
    total += chunk.byteLength;
    if (total > limit) {
      finished = true;
      done({ ok: false, tooLarge: true });
      return;
    }
    parts.push(new Uint8Array(chunk.slice(0)));
    if (!isLast) return;
    finished = true;
    if (parts.length === 1) return done({ ok: true, body: parts[0]! });
    const body = new Uint8Array(total);
    let o = 0;
    for (const p of parts) {
      body.set(p, o);
      o += p.length;
    }
    done({ ok: true, body });
  });
}
