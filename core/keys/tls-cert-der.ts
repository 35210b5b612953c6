// Minimal DER (ITU-T X.690) encoder: just the types an X.509 v3 certificate needs.
// Not a hot path: clarity over speed (every helper allocates its output).

const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  SEQUENCE: 0x30,
  SET: 0x31,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
} as const;

/** Encodes a definite length (X.690 §8.1.3): short form below 128, else 0x80|n then n big-endian bytes. */
function encodeLength(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** One tag-length-value with the given (already complete) tag byte. */
export function tlv(tag: number, value: Uint8Array): Uint8Array {
  return Buffer.concat([Uint8Array.of(tag), encodeLength(value.length), value]);
}

export const sequence = (...items: Uint8Array[]): Uint8Array => tlv(TAG.SEQUENCE, Buffer.concat(items));
export const set = (...items: Uint8Array[]): Uint8Array => tlv(TAG.SET, Buffer.concat(items));
export const octetString = (bytes: Uint8Array): Uint8Array => tlv(TAG.OCTET_STRING, bytes);
export const utf8String = (s: string): Uint8Array => tlv(TAG.UTF8_STRING, Buffer.from(s, 'utf8'));
export const boolean = (v: boolean): Uint8Array => tlv(TAG.BOOLEAN, Uint8Array.of(v ? 0xff : 0x00));

/** BIT STRING whose first content byte is the number of unused bits in the last byte (X.690 §8.6.2). */
export const bitString = (bytes: Uint8Array, unusedBits = 0): Uint8Array =>
  tlv(TAG.BIT_STRING, Buffer.concat([Uint8Array.of(unusedBits), bytes]));

/** Non-negative INTEGER from big-endian magnitude bytes: minimal form, 0x00 prefix when the top bit is set. */
export function unsignedInteger(magnitude: Uint8Array | number): Uint8Array {
  let bytes: Uint8Array;
  if (typeof magnitude === 'number') {
    const out: number[] = [];
    for (let v = magnitude; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
    bytes = Uint8Array.from(out);
  } else {
    let start = 0;
    while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
    bytes = magnitude.subarray(start);
  }
  if (bytes.length === 0) bytes = Uint8Array.of(0);
  if (bytes[0]! & 0x80) bytes = Buffer.concat([Uint8Array.of(0), bytes]);
  return tlv(TAG.INTEGER, bytes);
}

/** OBJECT IDENTIFIER from dotted form (X.690 §8.19): 40*a+b, then base-128 arcs with continuation bits. */
export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((a) => Number(a));
  if (arcs.length < 2 || arcs.some((a) => !Number.isSafeInteger(a) || a < 0)) throw new Error(`bad OID ${dotted}`);
  const out: number[] = [];
  const push = (arc: number) => {
    const groups: number[] = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) groups.unshift((v & 0x7f) | 0x80);
    out.push(...groups);
  };
  push(arcs[0]! * 40 + arcs[1]!);
  for (const arc of arcs.slice(2)) push(arc);
  return tlv(TAG.OID, Uint8Array.from(out));
}

/** Context-specific constructed tag [n] EXPLICIT wrapping one encoded element. */
export const explicit = (n: number, inner: Uint8Array): Uint8Array => tlv(0xa0 | n, inner);

/** Context-specific primitive tag [n] IMPLICIT over raw content bytes (e.g. GeneralName dNSName [2]). */
export const implicitPrimitive = (n: number, content: Uint8Array): Uint8Array => tlv(0x80 | n, content);

/**
 * X.509 Time (RFC 5280 §4.1.2.5): UTCTime YYMMDDHHMMSSZ for years 1950–2049, GeneralizedTime
 * YYYYMMDDHHMMSSZ otherwise; whole seconds, always UTC.
 */
export function time(date: Date): Uint8Array {
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '') + 'Z';
  const year = date.getUTCFullYear();
  if (year >= 1950 && year < 2050) return tlv(TAG.UTC_TIME, Buffer.from(digits.slice(2), 'latin1'));
  return tlv(TAG.GENERALIZED_TIME, Buffer.from(digits, 'latin1'));
}

/** Wraps DER bytes as PEM with the given label, 64-column base64 lines (RFC 7468). */
export function toPem(label: string, derBytes: Uint8Array): string {
  const b64 = Buffer.from(derBytes).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
