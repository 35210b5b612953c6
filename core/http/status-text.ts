// HTTP status lines for uWebSockets.js `writeStatus` (it sends the text verbatim).
const TEXT: Readonly<Record<number, string>> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  408: 'Request Timeout', 409: 'Conflict', 411: 'Length Required', 413: 'Payload Too Large', 429: 'Too Many Requests',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};
const LINES = new Map<number, string>();

export function statusLine(status: number): string {
  let line = LINES.get(status);
  if (line === undefined) {
    line = `${status} ${TEXT[status] ?? 'Status'}`;
    LINES.set(status, line);
  }
  return line;
}
