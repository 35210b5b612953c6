// IP literal → the 4 or 16 network-order bytes an X.509 iPAddress GeneralName holds (RFC 5280 §4.2.1.6).
import { isIPv4, isIPv6 } from 'node:net';

/** Returns the address bytes, or null when `ip` is not an IP literal. Accepts IPv6 with or without brackets. */
export function ipToBytes(ip: string): Uint8Array | null {
  const bare = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  if (isIPv4(bare)) return Uint8Array.from(bare.split('.').map(Number));
  if (!isIPv6(bare) || bare.includes('%')) return null;
  return ipv6ToBytes(bare);
}

function ipv6ToBytes(ip: string): Uint8Array {
  // A trailing dotted IPv4 part (::ffff:1.2.3.4) stands for the last two groups.
  let tail: number[] = [];
  let text = ip;
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4 = last.split('.').map(Number);
    tail = [(v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!];
    text = text.slice(0, lastColon + 1) + '0'; // placeholder group, dropped below
  }
  const parseGroups = (s: string): number[] => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  let groups: number[];
  const gap = text.indexOf('::');
  if (gap === -1) {
    groups = parseGroups(text);
  } else {
    const head = parseGroups(text.slice(0, gap));
    const rest = parseGroups(text.slice(gap + 2));
    const fill = (tail.length > 0 ? 7 : 8) - head.length - rest.length; // the placeholder counts as one group
    groups = [...head, ...new Array<number>(fill).fill(0), ...rest];
  }
  if (tail.length > 0) groups = [...groups.slice(0, -1), ...tail];
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    out[i * 2] = g >> 8;
    out[i * 2 + 1] = g & 0xff;
  });
  return out;
}
