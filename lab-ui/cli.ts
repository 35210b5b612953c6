// `npm run lab`: the dashboard's dev server (hot reload, /_lab proxied to the admin port); `npm run lab -- build`:
// builds lab-ui/dist, which the server itself serves at http://<admin>/lab/.
import { build, createServer } from 'vite';
import { adminFromEnv, labViteConfig, type LabViteOptions } from './vite.config.ts';

const USAGE = `usage:
  npm run lab [-- --admin HOST:PORT] [--port N] [--host H]   dev server for lab-ui/, proxying /_lab to the admin port
  npm run lab -- build [--out-dir DIR]                       build lab-ui/dist (the admin port serves it at /lab/)

The admin address defaults to FLUCTLIGHT_LAB_ADMIN, else 127.0.0.1:$FLUCTLIGHT_ADMIN_PORT, else 127.0.0.1:8008.`;

function parse(argv: string[]): { command: 'dev' | 'build'; opts: LabViteOptions } | string {
  const opts: LabViteOptions = {};
  let command: 'dev' | 'build' = 'dev';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === 'build' || a === 'dev') command = a;
      else if (a === '--admin') opts.admin = value().replace(/^https?:\/\//, '');
      else if (a === '--port') opts.port = Number(value());
      else if (a === '--host') opts.host = value();
      else if (a === '--out-dir') opts.outDir = value();
      else if (a === '--help' || a === '-h') return USAGE;
      else return `unknown argument "${a}"\n\n${USAGE}`;
    } catch (e) {
      return `${(e as Error).message}\n\n${USAGE}`;
    }
  }
  if (opts.port !== undefined && !(Number.isInteger(opts.port) && opts.port > 0 && opts.port < 65536)) return `--port must be a port number\n\n${USAGE}`;
  return { command, opts };
}

const parsed = parse(process.argv.slice(2));
if (typeof parsed === 'string') {
  const help = parsed === USAGE;
  (help ? process.stdout : process.stderr).write(parsed + '\n');
  process.exit(help ? 0 : 2);
}
const { command, opts } = parsed;
if (command === 'build') {
  await build(labViteConfig(opts));
} else {
  const server = await createServer(labViteConfig(opts));
  await server.listen();
  server.printUrls();
  console.log(`  ➜  /_lab proxied to http://${opts.admin ?? adminFromEnv()} (start the server with \`npm start\`)`);
}
