// Test support: start a real server in-process on free loopback ports with a scratch data dir.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
export { freePort } from './free-port.ts';
import { parseConfig, type Config } from '../config.ts';
import { freePort } from './free-port.ts';
import { startServer, type RunningServer, type StartOptions } from '../server.ts';

export interface TestServer extends RunningServer {
  readonly dataDir: string;
  readonly fedUrl: string;
  readonly adminUrl: string;
  /** Everything the server logged. */
  readonly logLines: readonly string[];
  /** Close and delete the data dir (unless `keepData`). */
  stop(opts?: { keepData?: boolean }): Promise<void>;
}

/** Starts a server; extra flags are command-line flags (e.g. ['--experiment', 'naive']). */
export async function startTestServer(flags: string[] = [], opts: StartOptions & { dataDir?: string; watch?: boolean } = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'fluctlight-test-'));
  const fedPort = await freePort();
  const adminPort = await freePort();
  const config = parseConfig(['--federation-port', String(fedPort), '--admin-port', String(adminPort), '--data-dir', dataDir,
    ...(opts.watch ? [] : ['--no-watch']), '--federation-tls-verify', 'false', ...flags], {}) as Config;
  const lines: string[] = [];
  const s = await startServer(config, { log: (l) => lines.push(l), ...opts });
  return Object.assign(Object.create(null) as object, s, {
    dataDir,
    fedUrl: `https://127.0.0.1:${s.federationPort}`,
    adminUrl: `http://127.0.0.1:${s.adminPort}`,
    logLines: lines,
    async stop(o: { keepData?: boolean } = {}) {
      await s.close(2_000);
      if (!o.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  }) as TestServer;
}
