// Entry point: parse the command line, start the server, stop gracefully on SIGTERM/SIGINT.
import { ConfigError, USAGE, parseConfig } from './config.ts';
import { StartupError, startServer } from './server.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`fluctlight: ${e.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (config === 'help') {
    process.stdout.write(USAGE + '\n');
    return;
  }
  let server;
  try {
    server = await startServer(config);
  } catch (e) {
    if (!(e instanceof StartupError)) throw e;
    process.stderr.write(`fluctlight: ${e.message}\n`);
    process.exit(e.message.startsWith('--') ? 2 : 1);
  }
  const s = server;
  console.log(`fluctlight ${config.serverName}: federation https://${config.federationHost}:${s.federationPort}, ` +
    `admin http://${config.adminHost}:${s.adminPort}, experiment ${config.experiment}, key ${s.serverKeys.signingKey.keyId}`);
  const stop = (signal: string) => {
    console.log(`${signal}: finishing in-flight requests, then exiting`);
    s.close().then(() => process.exit(0), (e) => {
      console.error('error while stopping', e);
      process.exit(1);
    });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

await main();
