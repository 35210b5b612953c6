// The /_lab/live WebSocket, reconnecting with backoff. The client only listens: swaps go through the REST API.
import type { LiveMessage } from './api.ts';

export type SocketState = 'connecting' | 'live' | 'down';

export class LiveSocket {
  #ws: WebSocket | undefined;
  #closed = false;
  #retryMs = 500;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #onMessage: (m: LiveMessage) => void;
  readonly #onState: (s: SocketState) => void;

  constructor(onMessage: (m: LiveMessage) => void, onState: (s: SocketState) => void) {
    this.#onMessage = onMessage;
    this.#onState = onState;
    this.#open();
  }

  #open(): void {
    this.#onState('connecting');
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/_lab/live`);
    this.#ws = ws;
    ws.onopen = () => {
      this.#retryMs = 500;
      this.#onState('live');
    };
    ws.onmessage = (e) => {
      try {
        this.#onMessage(JSON.parse(String(e.data)) as LiveMessage);
      } catch (err) {
        console.error('bad /_lab/live message', err);
      }
    };
    ws.onclose = () => {
      if (this.#closed) return;
      this.#onState('down');
      this.#timer = setTimeout(() => this.#open(), this.#retryMs);
      this.#retryMs = Math.min(this.#retryMs * 2, 5000);
    };
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#ws?.close();
  }
}
