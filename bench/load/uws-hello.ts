// The reference for load scenarios: a bare uWebSockets.js TLS hello world answering every GET with a fixed
// JSON body of a given size (the size of our key response), so "Fluctlight vs uws-hello" measures what our
// routing, tracking and response path cost over the same TLS stack.
//   node --import tsx bench/load/uws-hello.ts --port PORT [--body-bytes N]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import uws from 'uWebSockets.js';
import { generateSelfSignedCert } from '../../core/keys/tls-cert.ts';

/** A JSON object of exactly `bytes` bytes (at least the size of the unpadded object). */
export function helloBody(bytes: number): string {
  const head = '{"hello":"world","pad":"';
  const tail = '"}';
  return head + 'x'.repeat(Math.max(0, bytes - head.length - tail.length)) + tail;
}

function flag(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : fallback;
  if (v === undefined) {
    process.stderr.write('usage: uws-hello.ts --port PORT [--body-bytes N]\n');
    process.exit(2);
  }
  return v;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(flag('port'));
  const body = Buffer.from(helloBody(Number(flag('body-bytes', '313'))));
  const dir = mkdtempSync(join(tmpdir(), 'uws-hello-'));
  const cert = generateSelfSignedCert({ host: '127.0.0.1' });
  writeFileSync(join(dir, 'tls.key'), cert.keyPem, { mode: 0o600 });
  writeFileSync(join(dir, 'tls.crt'), cert.certPem);
  const app = uws.SSLApp({ key_file_name: join(dir, 'tls.key'), cert_file_name: join(dir, 'tls.crt') });
  // uWS reads the files while building the app: they can go now.
  rmSync(dir, { recursive: true, force: true });
  app.get('/*', (res) => {
    res.writeStatus('200 OK').writeHeader('content-type', 'application/json').end(body);
  });
  app.any('/*', (res) => {
    res.writeStatus('405 Method Not Allowed').end();
  });
  app.listen('127.0.0.1', port, (socket) => {
    if (!socket) {
      process.stderr.write(`uws-hello: cannot listen on 127.0.0.1:${port}\n`);
      process.exit(1);
    }
    process.stdout.write(`uws-hello listening on https://127.0.0.1:${port}, body ${body.length} bytes\n`);
  });
  const stop = () => {
    app.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
