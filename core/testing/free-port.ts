// A loopback TCP port that is free right now (bind to port 0, read the port, close). Another process may take it
// before the caller binds it: callers that start a server on it retry with a new port on "port in use".
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
