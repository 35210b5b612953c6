// Vite settings for the lab dashboard. `npm run lab` (cli.ts) and the browser test use labViteConfig();
// the default export lets plain `npx vite lab-ui` work too.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type InlineConfig } from 'vite';

export const LAB_UI_ROOT = fileURLToPath(new URL('.', import.meta.url));
export const DEFAULT_ADMIN = '127.0.0.1:8008';

/** The admin address to proxy /_lab to: FLUCTLIGHT_LAB_ADMIN (host:port), else 127.0.0.1:$FLUCTLIGHT_ADMIN_PORT, else 127.0.0.1:8008. */
export function adminFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FLUCTLIGHT_LAB_ADMIN) return env.FLUCTLIGHT_LAB_ADMIN;
  if (env.FLUCTLIGHT_ADMIN_PORT) return `127.0.0.1:${env.FLUCTLIGHT_ADMIN_PORT}`;
  return DEFAULT_ADMIN;
}

export interface LabViteOptions {
  /** host:port of the server's admin listener (the dev server proxies /_lab there, WebSocket included). */
  admin?: string;
  /** Where `vite build` writes (default lab-ui/dist, which the admin port serves at /lab/). */
  outDir?: string;
  port?: number;
  host?: string;
  logLevel?: InlineConfig['logLevel'];
}

export function labViteConfig(o: LabViteOptions = {}): InlineConfig {
  const target = `http://${o.admin ?? adminFromEnv()}`;
  const proxy = { '/_lab': { target, ws: true } };
  return {
    configFile: false,
    root: LAB_UI_ROOT,
    // Relative asset URLs: the same build works at /lab/ on the admin port and at / on the dev server.
    base: './',
    logLevel: o.logLevel ?? 'info',
    clearScreen: false,
    build: { outDir: o.outDir ?? join(LAB_UI_ROOT, 'dist'), emptyOutDir: true, target: 'es2022', reportCompressedSize: false },
    server: { port: o.port ?? 5173, host: o.host ?? '127.0.0.1', strictPort: false, proxy },
    preview: { proxy },
  };
}

export default defineConfig(labViteConfig());
