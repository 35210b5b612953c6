// Command-line flags and FLUCTLIGHT_* environment variables → a validated, frozen Config.
// Flags win over environment variables, which win over defaults. Any unknown or malformed input is a ConfigError
// (main prints it with the usage and exits 2).

export interface Config {
  readonly serverName: string;
  readonly federationHost: string;
  readonly federationPort: number;
  readonly adminHost: string;
  readonly adminPort: number;
  readonly dataDir: string;
  readonly experiment: string;
  readonly federationTlsVerify: boolean;
  readonly watch: boolean;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Kind = 'string' | 'port' | 'bool' | 'flag';
interface Option { readonly key: keyof Config; readonly kind: Kind; readonly help: string; readonly negates?: boolean }

/** Flag name (without `--`) → option. The env var is FLUCTLIGHT_ + the flag name upper-cased with `_`. */
const OPTIONS: Readonly<Record<string, Option>> = {
  'server-name': { key: 'serverName', kind: 'string', help: 'our Matrix server name (default 127.0.0.1:<federation-port>)' },
  'federation-port': { key: 'federationPort', kind: 'port', help: 'federation listener port, TLS (default 8448)' },
  'admin-port': { key: 'adminPort', kind: 'port', help: 'admin/lab API port, plain HTTP on 127.0.0.1 (default 8008)' },
  'data-dir': { key: 'dataDir', kind: 'string', help: 'data directory: keys, TLS certificate, journal (default ./data)' },
  experiment: { key: 'experiment', kind: 'string', help: 'experiment to start with (default baseline)' },
  'federation-tls-verify': { key: 'federationTlsVerify', kind: 'bool', help: 'verify peers\' TLS certificates (default true)' },
  'no-watch': { key: 'watch', kind: 'flag', negates: true, help: 'do not watch plugins/ for changes' },
};

export const USAGE = [
  'usage: npm start -- [options]',
  '',
  ...Object.entries(OPTIONS).map(([flag, o]) => {
    const arg = o.kind === 'flag' ? '' : o.kind === 'bool' ? ' true|false' : o.kind === 'port' ? ' PORT' : ' VALUE';
    return `  --${(flag + arg).padEnd(32)} ${o.help}`;
  }),
  `  --${'help'.padEnd(32)} print this help`,
  '',
  'Every option can also be set as FLUCTLIGHT_<NAME> (e.g. FLUCTLIGHT_FEDERATION_PORT=8448, FLUCTLIGHT_NO_WATCH=true).',
].join('\n');

function convert(flag: string, o: Option, raw: string, from: string): string | number | boolean {
  switch (o.kind) {
    case 'string':
      if (raw === '') throw new ConfigError(`${from}: --${flag} needs a non-empty value`);
      return raw;
    case 'port': {
      const n = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
      if (!(n >= 1 && n <= 65535)) throw new ConfigError(`${from}: --${flag} must be a port number 1-65535, got "${raw}"`);
      return n;
    }
    case 'bool':
    case 'flag': {
      const v = raw.toLowerCase();
      if (v !== 'true' && v !== 'false') throw new ConfigError(`${from}: --${flag} must be true or false, got "${raw}"`);
      return o.negates ? v === 'false' : v === 'true';
    }
  }
}

/** Returns 'help' when --help was asked for. */
export function parseConfig(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Config | 'help' {
  const set: Partial<Record<keyof Config, string | number | boolean>> = {};
  for (const [flag, o] of Object.entries(OPTIONS)) {
    const name = 'FLUCTLIGHT_' + flag.toUpperCase().replaceAll('-', '_');
    const raw = env[name];
    if (raw !== undefined) set[o.key] = convert(flag, o, raw, `environment ${name}`);
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    if (!arg.startsWith('--')) throw new ConfigError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const flag = arg.slice(2, eq < 0 ? undefined : eq);
    const o = OPTIONS[flag];
    if (!o) throw new ConfigError(`unknown option --${flag}`);
    let raw: string;
    if (eq >= 0) raw = arg.slice(eq + 1);
    else if (o.kind === 'flag') raw = 'true';
    else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) raw = argv[++i]!;
    else throw new ConfigError(`--${flag} needs a value`);
    set[o.key] = convert(flag, o, raw, 'command line');
  }
  const federationPort = (set.federationPort as number | undefined) ?? 8448;
  const serverName = (set.serverName as string | undefined) ?? `127.0.0.1:${federationPort}`;
  if (!/^(\[[0-9A-Fa-f:.]+\]|[0-9A-Za-z.-]+)(:\d{1,5})?$/.test(serverName) || serverName.length > 255) {
    throw new ConfigError(`--server-name "${serverName}" is not a valid Matrix server name`);
  }
  const adminPort = (set.adminPort as number | undefined) ?? 8008;
  if (adminPort === federationPort) throw new ConfigError('--admin-port must differ from --federation-port');
  return Object.freeze({
    serverName,
    federationHost: '127.0.0.1',
    federationPort,
    adminHost: '127.0.0.1',
    adminPort,
    dataDir: (set.dataDir as string | undefined) ?? './data',
    experiment: (set.experiment as string | undefined) ?? 'baseline',
    federationTlsVerify: (set.federationTlsVerify as boolean | undefined) ?? true,
    watch: (set.watch as boolean | undefined) ?? true,
  });
}
