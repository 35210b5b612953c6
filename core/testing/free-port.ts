// A loopback TCP port that is free right now (bind to port 0, read the port, close). Another process may take it
// before the caller binds it: callers that start a server on it retry with a new port on "port in use".
import { createServer } from 'node:net';

/** Ports handed out lately in this process: the OS may offer a just-closed port again before its taker binds it. */
const recent: number[] = [];
const RECENT_MAX = 256;

function probe(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A free port not handed out by this function recently (two calls in a row never return the same port). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await probe();
    if (recent.includes(port)) continue;
    recent.push(port);
    if (recent.length > RECENT_MAX) recent.shift();
    return port;
  }
}
