// Mounts everything the lab serves on the admin app: the lab API, the results API, the built dashboard at /lab/,
// and the /_lab/live WebSocket with its once-a-second feed. `close()` stops the feed's timer.
import type { TemplatedApp } from 'uWebSockets.js';
import { mountRoutes, type ServeOptions } from '../http/serve.ts';
import type { Route } from '../http/route.ts';
import { labRoutes, type LabDeps } from './lab-routes.ts';
import { LiveFeed } from './live-feed.ts';
import { resultsRoutes } from './results-routes.ts';
import { ResultsStore } from './results-store.ts';
import { staticRoutes } from './static-route.ts';

export const LIVE_PATH = '/_lab/live';
const LIVE_TOPIC = 'lab/live';

/** Where the lab reads result files and the built dashboard (tests point them at scratch directories). */
export interface LabPaths {
  /** Holds <id>.json and reference/<id>.json; default bench/results. */
  resultsDir?: string;
  /** The `vite build` output; default lab-ui/dist. */
  uiDir?: string;
}

export interface LabMount {
  readonly feed: LiveFeed;
  close(): void;
}

/** `extra`: other admin-port routes (the /_admin API), mounted in the same table so 404/405 know them all. */
export function mountLab(app: TemplatedApp, d: LabDeps & Required<LabPaths>, serve: ServeOptions, extra: readonly Route[] = []): LabMount {
  const feed = new LiveFeed({
    serverName: d.serverName, host: d.host, metrics: d.metrics, experiment: d.experiment,
    publish: (m) => void app.publish(LIVE_TOPIC, m),
  });
  app.ws(LIVE_PATH, {
    maxPayloadLength: 1024,
    idleTimeout: 120,
    sendPingsAutomatically: true,
    open(ws) {
      ws.send(feed.hello());
      ws.subscribe(LIVE_TOPIC);
    },
    // Clients send nothing: switching goes through the REST API. Anything received is ignored.
    message() {},
  });
  mountRoutes(app, [
    ...labRoutes({ ...d, afterSwap: () => feed.flushSwaps() }),
    ...resultsRoutes(new ResultsStore(d.resultsDir)),
    ...staticRoutes(d.uiDir),
    ...extra,
  ], serve);
  feed.start();
  return { feed, close: () => feed.stop() };
}
