// Serves the built lab dashboard (lab-ui/dist) from the admin port at /lab/: known content types, 404 for
// anything else, no way out of the directory (every segment is decoded and checked, then the real path is too).
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import type { Reply, Route } from '../http/route.ts';

export const LAB_PREFIX = '/lab/';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Fluctlight lab: not built</title>
<body style="font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:4rem auto;padding:0 1rem;color:#1f2937">
<h1 style="font-size:1.4rem">The lab dashboard has not been built</h1>
<p>This server serves <code>lab-ui/dist</code> at <code>/lab/</code>, and that directory does not exist yet.</p>
<p>Build it with <code>npm run lab -- build</code> and reload this page,
or run the dev server with <code>npm run lab</code> (it proxies <code>/_lab</code> to this admin port).</p>
</body>`;

const text = (status: number, body: string): Reply => ({ status, raw: body, contentType: 'text/plain; charset=utf-8' });

/** Maps the URL path below /lab/ to a file path inside `root`, or null when it could escape or name nothing servable. */
export function resolveUiPath(root: string, urlPath: string): string | null {
  const rest = urlPath.slice(LAB_PREFIX.length);
  const segments = rest === '' ? ['index.html'] : rest.split('/');
  const decoded: string[] = [];
  for (const raw of segments) {
    let s: string;
    try {
      s = decodeURIComponent(raw);
    } catch {
      return null;
    }
    // Empty (`//`, trailing `/`), dot segments, hidden files, and separators smuggled in by percent-encoding.
    if (s === '' || s.startsWith('.') || s.includes('/') || s.includes('\\') || s.includes('\0')) return null;
    decoded.push(s);
  }
  return join(root, ...decoded);
}

export function staticRoutes(uiDir: string): Route[] {
  const serve = async (path: string): Promise<Reply> => {
    const rootReal = await realpath(uiDir).catch(() => null);
    const isIndex = path === LAB_PREFIX;
    if (!rootReal) return isIndex ? { status: 503, raw: NOT_BUILT, contentType: TYPES['.html']! } : text(404, 'not found\n');
    const file = resolveUiPath(rootReal, path);
    const type = file ? TYPES[extname(file).toLowerCase()] : undefined;
    if (!file || !type) return text(404, 'not found\n');
    const real = await realpath(file).catch(() => null);
    if (!real || !real.startsWith(rootReal + sep) || !(await stat(real)).isFile()) return text(404, 'not found\n');
    const body = await readFile(real);
    // Vite names built assets by content hash: they never change under one name. index.html must be revalidated.
    const cache = path.startsWith(`${LAB_PREFIX}assets/`) ? 'public, max-age=31536000, immutable' : 'no-cache';
    return { raw: body, contentType: type, headers: { 'cache-control': cache, 'x-content-type-options': 'nosniff' } };
  };
  return [
    // `/lab` → `/lab/`, so the page's relative asset URLs resolve under /lab/.
    { method: 'GET', path: '/lab', auth: 'none', handle: () => ({ status: 301, raw: '', contentType: 'text/plain', headers: { location: LAB_PREFIX } }) },
    { method: 'GET', path: '/lab/*', auth: 'none', handle: (req) => serve(req.path) },
  ];
}
