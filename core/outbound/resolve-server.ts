// Server name → where to connect, which Host header and which TLS name (server-server-api §Resolving server names).
import { resolveSrv as dnsResolveSrv } from 'node:dns/promises';
import { joinHostPort, parseServerName } from './server-name.ts';
import { lookupFederationSrv, type SrvLookup } from './srv.ts';
import { WellKnownCache, type WellKnownFetcher } from './well-known.ts';

export const DEFAULT_FEDERATION_PORT = 8448;

/** Which spec step produced a resolution (diagnostics and tests). */
export const ResolutionStep = {
  IP_LITERAL: 'ip-literal', // step 1
  EXPLICIT_PORT: 'explicit-port', // step 2
  DELEGATED_IP_LITERAL: 'delegated-ip-literal', // step 3, first bullet
  DELEGATED_EXPLICIT_PORT: 'delegated-explicit-port', // step 3, second bullet
  DELEGATED_SRV: 'delegated-srv', // step 3, SRV bullets
  DELEGATED_DEFAULT_PORT: 'delegated-default-port', // step 3, last bullet
  SRV: 'srv', // steps 4 and 5
  DEFAULT_PORT: 'default-port', // step 6
} as const;
export type ResolutionStep = (typeof ResolutionStep)[keyof typeof ResolutionStep];

export interface ResolvedServer {
  /** The server name as given (pre-delegation: what X-Matrix `destination` carries). */
  serverName: string;
  /** Where to connect: an IP literal (no brackets) or a hostname to resolve with AAAA/A. */
  host: string;
  port: number;
  /** The `Host` header value. */
  hostHeader: string;
  /** SNI and the name the certificate must match; null for IP literals (no SNI, cert must match the IP). */
  tlsServername: string | null;
  step: ResolutionStep;
}

export interface Resolver {
  resolve(serverName: string): Promise<ResolvedServer>;
}

export class ServerNameError extends Error {
  constructor(serverName: string) {
    super(`invalid server name: ${JSON.stringify(serverName)}`);
    this.name = 'ServerNameError';
  }
}

export interface ServerResolverOptions {
  fetchWellKnown: WellKnownFetcher;
  /** Defaults to node:dns/promises resolveSrv. */
  resolveSrv?: SrvLookup;
  now?: () => number;
  random?: () => number;
  /** How long a finished resolution is reused (never past its well-known answer). Default 10 min. */
  resolutionCacheMs?: number;
}

/** The spec's resolution process with its results cached per server name. */
export class ServerResolver implements Resolver {
  #wellKnown: WellKnownCache;
  #resolveSrv: SrvLookup;
  #now: () => number;
  #random: () => number;
  #cacheMs: number;
  #cache = new Map<string, { value: ResolvedServer; expiresAt: number }>();

  constructor(opts: ServerResolverOptions) {
    this.#now = opts.now ?? Date.now;
    this.#wellKnown = new WellKnownCache(opts.fetchWellKnown, this.#now);
    this.#resolveSrv = opts.resolveSrv ?? ((name) => dnsResolveSrv(name));
    this.#random = opts.random ?? Math.random;
    this.#cacheMs = opts.resolutionCacheMs ?? 10 * 60_000;
  }

  async resolve(serverName: string): Promise<ResolvedServer> {
    const hit = this.#cache.get(serverName);
    if (hit && hit.expiresAt > this.#now()) return hit.value;
    const { value, expiresAt } = await this.#resolveUncached(serverName);
    this.#cache.set(serverName, { value, expiresAt });
    return value;
  }

  /** Drops cached answers for a server name (e.g. after repeated connection failures). */
  forget(serverName: string): void {
    this.#cache.delete(serverName);
    const parsed = parseServerName(serverName);
    if (parsed) this.#wellKnown.forget(parsed.host);
  }

  async #resolveUncached(serverName: string): Promise<{ value: ResolvedServer; expiresAt: number }> {
    const name = parseServerName(serverName);
    if (!name) throw new ServerNameError(serverName);
    const expiresAt = this.#now() + this.#cacheMs;
    const done = (v: Omit<ResolvedServer, 'serverName'>, until = expiresAt) => ({
      value: { serverName, ...v },
      expiresAt: Math.min(until, expiresAt),
    });

    // 1. IP literal: that IP, given port or 8448; Host = the server name; cert for the IP, so no SNI.
    if (name.ipVersion !== 0) {
      const port = name.port ?? DEFAULT_FEDERATION_PORT;
      return done({ host: name.host, port, hostHeader: serverName, tlsServername: null, step: ResolutionStep.IP_LITERAL });
    }
    // 2. Hostname with explicit port: AAAA/A of the hostname; Host = server name (with port); cert for the hostname.
    if (name.port !== undefined) {
      const step = ResolutionStep.EXPLICIT_PORT;
      return done({ host: name.host, port: name.port, hostHeader: serverName, tlsServername: name.host, step });
    }
    // 3. Well-known delegation (invalid or failed answers fall through to step 4).
    const wk = await this.#wellKnown.lookup(name.host);
    if (wk.delegated !== null) return done(await this.#resolveDelegated(wk.delegated), wk.expiresAt);
    // 4. SRV _matrix-fed._tcp.<hostname>, then 5. the deprecated _matrix._tcp.<hostname>:
    //    connect to the target; Host and cert stay <hostname>.
    const srv = await lookupFederationSrv(this.#resolveSrv, name.host, this.#random);
    if (srv) {
      const step = ResolutionStep.SRV;
      return done({ host: srv.target, port: srv.port, hostHeader: name.host, tlsServername: name.host, step });
    }
    // 6. AAAA/A of the hostname on port 8448.
    const step = ResolutionStep.DEFAULT_PORT;
    return done({ host: name.host, port: DEFAULT_FEDERATION_PORT, hostHeader: name.host, tlsServername: name.host, step });
  }

  /** Step 3's bullets for `<delegated_hostname>[:<delegated_port>]` (already validated by the well-known parser). */
  async #resolveDelegated(delegated: string): Promise<Omit<ResolvedServer, 'serverName'>> {
    const d = parseServerName(delegated)!;
    // 3a. IP literal: that IP with the delegated port or 8448; Host = the IP (with port if given); no SNI.
    if (d.ipVersion !== 0) {
      const port = d.port ?? DEFAULT_FEDERATION_PORT;
      const hostHeader = joinHostPort(d.host, d.port);
      return { host: d.host, port, hostHeader, tlsServername: null, step: ResolutionStep.DELEGATED_IP_LITERAL };
    }
    // 3b. Explicit port: AAAA/A of the delegated hostname; Host = hostname:port; cert for the hostname.
    if (d.port !== undefined) {
      const hostHeader = joinHostPort(d.host, d.port);
      return { host: d.host, port: d.port, hostHeader, tlsServername: d.host, step: ResolutionStep.DELEGATED_EXPLICIT_PORT };
    }
    // 3c/3d. SRV _matrix-fed._tcp then the deprecated _matrix._tcp of the delegated hostname;
    //        Host and cert are the delegated hostname.
    const srv = await lookupFederationSrv(this.#resolveSrv, d.host, this.#random);
    if (srv) {
      const step = ResolutionStep.DELEGATED_SRV;
      return { host: srv.target, port: srv.port, hostHeader: d.host, tlsServername: d.host, step };
    }
    // 3e. AAAA/A of the delegated hostname on port 8448.
    const step = ResolutionStep.DELEGATED_DEFAULT_PORT;
    return { host: d.host, port: DEFAULT_FEDERATION_PORT, hostHeader: d.host, tlsServername: d.host, step };
  }
}
