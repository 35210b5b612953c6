// Assembles a running server from a Config: data dir → plugins and slots → keys → listeners → watcher.
// `startServer` is what main.ts runs and what integration tests start in-process.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import uws from 'uWebSockets.js';
import type { Config } from './config.ts';
import { mountRoutes } from './http/serve.ts';
import type { Route } from './http/route.ts';
import { Keyring } from './keys/keyring.ts';
import { ServerKeys } from './keys/server-keys.ts';
import { loadOldKeys } from './keys/old-keys-file.ts';
import { loadOrCreateKeyFile } from './keys/signing-key-file.ts';
import { generateSelfSignedCert } from './keys/tls-cert.ts';
import { signRequest } from './matrix/x-matrix.ts';
import { FederationClient } from './outbound/index.ts';
import { federationRoutes } from './federation/routes.ts';
import { Notary } from './federation/notary.ts';
import { makeAuthenticator } from './federation/authenticate.ts';
import { mountLab, type LabPaths } from './lab/mount.ts';
import { Metrics } from './lab/metrics.ts';
import { PluginBuilder } from './slots/builder.ts';
import { Epochs } from './slots/epochs.ts';
import { loadExperiments, type Experiment } from './slots/experiments.ts';
import { SlotHost } from './slots/host.ts';
import { SLOT_NAMES, type SlotName } from './slots/registry.ts';
import { openRoomStack } from './room-stack.ts';
import { adminRoutes } from './admin/routes.ts';
import { roomRoutes } from './federation/routes-rooms.ts';
import { membershipRoutes } from './federation/routes-membership.ts';
import { makeFetchMissing } from './federation/fetch-missing.ts';
import type { ServerContext } from './context.ts';

export const PROJECT_ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');

export interface RunningServer {
  readonly config: Config;
  readonly federationPort: number;
  readonly adminPort: number;
  readonly host: SlotHost;
  readonly serverKeys: ServerKeys;
  readonly client: FederationClient;
  readonly ctx: ServerContext;
  /** Stop accepting, wait for in-flight requests (up to `graceMs`), release everything. */
  close(graceMs?: number): Promise<void>;
}

export class StartupError extends Error {
  override readonly name = 'StartupError';
}

export interface StartOptions {
  /** Project root holding plugins/ and experiments/ (tests point it at a scratch copy). */
  root?: string;
  log?: (line: string) => void;
  /** Where the lab reads bench results and the built dashboard (default bench/results and lab-ui/dist). */
  lab?: LabPaths;
}

function ensureTls(dataDir: string, serverName: string): { cert: string; key: string } {
  const cert = join(dataDir, 'tls.crt');
  const key = join(dataDir, 'tls.key');
  if (!existsSync(cert) || !existsSync(key)) {
    const c = generateSelfSignedCert({ host: serverName });
    writeFileSync(key, c.keyPem, { mode: 0o600 });
    writeFileSync(cert, c.certPem);
  }
  return { cert, key };
}

function listen(app: uws.TemplatedApp, host: string, port: number, what: string): Promise<uws.us_listen_socket> {
  return new Promise((ok, fail) =>
    app.listen(host, port, (s) => (s ? ok(s) : fail(new StartupError(`cannot listen for ${what} on ${host}:${port} (port in use?)`)))),
  );
}

export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const root = opts.root ?? PROJECT_ROOT;
  const startedAt = Date.now();
  mkdirSync(config.dataDir, { recursive: true });

  // Plugins: build every implementation, validate experiments, load the starting selection.
  const builder = new PluginBuilder({ root, slots: SLOT_NAMES });
  const built = await builder.build();
  if (!built.ok) throw new StartupError(`plugin build failed:\n  ${built.errors.join('\n  ')}`);
  const available = Object.fromEntries(SLOT_NAMES.map((s) => [s, built.plugins.filter((p) => p.slot === s).map((p) => p.impl)]));
  let experiments: Map<string, Experiment>;
  try {
    experiments = loadExperiments(join(root, 'experiments'), available);
  } catch (e) {
    throw new StartupError((e as Error).message);
  }
  const start = experiments.get(config.experiment);
  if (!start) throw new StartupError(`--experiment: no experiment "${config.experiment}" (known: ${[...experiments.keys()].join(', ')})`);
  const epochs = new Epochs();
  const host = await SlotHost.start({
    builds: built.plugins,
    selection: start.slots as Record<SlotName, string>,
    epochs,
    onSwap: (r) => log(`swap ${r.slot} → ${r.impl} gen ${r.generation} (${r.trigger}) ${r.ok ? 'ok' : 'FAILED: ' + r.error} in ${r.swap_ms} ms` +
      (r.new_module ? `, new module: heap ${fmtBytes(r.heap_delta)}, rss ${fmtBytes(r.rss_delta)}` : '')),
  });
  const slots = host.active;

  // Keys and the outgoing client.
  const keyFile = loadOrCreateKeyFile(join(config.dataDir, 'signing.key'));
  if (keyFile.created) log(`generated a signing key in ${join(config.dataDir, 'signing.key')}`);
  const current = keyFile.keys[0]!;
  const serverKeys = new ServerKeys({
    serverName: config.serverName, keyId: current.keyId, seed: current.seed, slots,
    oldKeys: loadOldKeys(join(config.dataDir, 'old_signing_keys.json')),
  });
  const client = new FederationClient({
    serverName: config.serverName,
    tlsVerify: config.federationTlsVerify,
    authorize: (r) => signRequest(slots.json, slots.signer, { method: r.method, uri: r.uri, destination: r.destination, content: r.content }, serverKeys.signingKey),
  });
  const keyring = new Keyring({
    own: serverKeys, slots,
    fetch: (server) => client.get(server, '/_matrix/key/v2/server', { auth: false, timeoutMs: 15_000 }),
  });
  const notary = new Notary(keyring, serverKeys, slots);
  const rooms = await openRoomStack({ dataDir: config.dataDir, serverName: config.serverName, slots, serverKeys, keyring, client, log });

  // Listeners.
  const metrics = new Metrics();
  const ctx: ServerContext = {
    config, serverName: config.serverName, slots, serverKeys, keyring, client, metrics, log,
    data: rooms.data, engine: rooms.engine, directory: rooms.directory, sender: rooms.sender, edus: rooms.edus,
  };
  rooms.fetchMissing = makeFetchMissing(ctx);
  const track = () => {
    const epoch = epochs.enter();
    const t0 = performance.now();
    return (status: number) => {
      epochs.exit(epoch);
      metrics.record(status, performance.now() - t0);
    };
  };
  const errLog = (m: string, e: unknown) => log(`${m}: ${e instanceof Error ? e.stack : String(e)}`);
  const tls = ensureTls(config.dataDir, config.serverName);
  const fed = uws.SSLApp({ key_file_name: tls.key, cert_file_name: tls.cert });
  const fedRoutes: Route[] = [...federationRoutes({ serverName: config.serverName, serverKeys, notary }), ...roomRoutes(ctx), ...membershipRoutes(ctx)];
  mountRoutes(fed, fedRoutes, { authenticate: makeAuthenticator(config.serverName, keyring, slots), track, log: errLog });
  const admin = uws.App();
  const experiment = { name: start.name };
  const lab = mountLab(admin, {
    serverName: config.serverName, host, experiments: () => experiments, metrics, startedAt, experiment,
    resultsDir: opts.lab?.resultsDir ?? join(PROJECT_ROOT, 'bench', 'results'), uiDir: opts.lab?.uiDir ?? join(PROJECT_ROOT, 'lab-ui', 'dist'),
  }, { track, log: errLog, unrecognizedPrefixes: ['/_lab/', '/_admin/', '/_matrix/'] }, adminRoutes(ctx));
  const fedSocket = await listen(fed, config.federationHost, config.federationPort, 'federation');
  const adminSocket = await listen(admin, config.adminHost, config.adminPort, 'the admin API').catch((e) => {
    uws.us_listen_socket_close(fedSocket);
    throw e;
  });
  const federationPort = uws.us_socket_local_port(fedSocket);
  const adminPort = uws.us_socket_local_port(adminSocket);

  if (config.watch) {
    await builder.watch((o) => {
      if (!o.ok) return log(`plugin rebuild failed; the running implementations keep serving:\n  ${o.errors.join('\n  ')}`);
      void host.rebuilt(o.plugins);
    });
  }

  let closing: Promise<void> | undefined;
  const close = (graceMs = 10_000) =>
    (closing ??= (async () => {
      uws.us_listen_socket_close(fedSocket);
      uws.us_listen_socket_close(adminSocket);
      lab.close();
      await builder.dispose();
      const deadline = Date.now() + graceMs;
      while (epochs.inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      await rooms.close();
      await client.close();
      fed.close();
      admin.close();
    })());

  return { config, federationPort, adminPort, host, serverKeys, client, ctx, close };
}

function fmtBytes(n: number): string {
  return `${n >= 0 ? '+' : ''}${(n / 1024).toFixed(0)} KiB`;
}

/** Reads a PEM the server wrote (tests use it to trust our certificate). */
export function readCert(dataDir: string): string {
  return readFileSync(join(dataDir, 'tls.crt'), 'utf8');
}
