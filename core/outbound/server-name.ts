// Server-name grammar (appendices §Server Name): hostname [":" port], hostname = IPv4 / "[" IPv6 "]" / dns-name.
import { isIPv4, isIPv6 } from 'node:net';

export interface ParsedServerName {
  /** Hostname without brackets: a DNS name, an IPv4 literal, or an IPv6 literal. */
  host: string;
  /** The explicit port, if the name carried one. */
  port: number | undefined;
  /** 4 or 6 for IP literals, 0 for DNS names. */
  ipVersion: 0 | 4 | 6;
}

const DNS_NAME = /^[A-Za-z0-9.-]{1,255}$/;
const PORT = /^[0-9]{1,5}$/;

/** Parses a server name (or a delegated `m.server` value); null when it does not match the grammar. */
export function parseServerName(name: string): ParsedServerName | null {
  let host: string;
  let portText: string | undefined;
  if (name.startsWith('[')) {
    const end = name.indexOf(']');
    if (end === -1) return null;
    host = name.slice(1, end);
    const rest = name.slice(end + 1);
    if (rest !== '') {
      if (!rest.startsWith(':')) return null;
      portText = rest.slice(1);
    }
    // IPv6address per RFC 3986 only: no zone id.
    if (!isIPv6(host) || host.includes('%')) return null;
  } else {
    const colon = name.indexOf(':');
    host = colon === -1 ? name : name.slice(0, colon);
    if (colon !== -1) portText = name.slice(colon + 1);
    if (!isIPv4(host) && !DNS_NAME.test(host)) return null;
  }
  let port: number | undefined;
  if (portText !== undefined) {
    if (!PORT.test(portText)) return null;
    port = Number(portText);
    if (port < 1 || port > 65535) return null;
  }
  const ipVersion = isIPv4(host) ? 4 : name.startsWith('[') ? 6 : 0;
  return { host, port, ipVersion };
}

/** host:port for URLs and Host headers, bracketing IPv6 literals. */
export function joinHostPort(host: string, port: number | undefined): string {
  const h = isIPv6(host) ? `[${host}]` : host;
  return port === undefined ? h : `${h}:${port}`;
}
