// Self-signed TLS certificate (X.509 v3, ECDSA P-256) built with node:crypto alone (RFC 5280 §4.1).
// For loopback/test peers: federation proper needs a CA-signed cert (server-server-api §TLS).
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import * as der from './tls-cert-der.ts';
import { ipToBytes } from './tls-cert-ip.ts';

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
} as const;

const DAY_MS = 86_400_000;

export interface SelfSignedCertOptions {
  /** The server's host: a DNS name or IP literal; a `:port` suffix (server-name form) is ignored. */
  host: string;
  /** Defaults to the current time. */
  now?: Date;
  /** Defaults to 10. */
  validYears?: number;
}

export interface SelfSignedCert {
  certPem: string;
  /** PKCS#8 private key. */
  keyPem: string;
  notBefore: Date;
  notAfter: Date;
  /** Subject alternative names, in certificate order. */
  dnsNames: string[];
  ipAddresses: string[];
}

/** Strips a port and IPv6 brackets from a server-name-like host. */
export function bareHost(host: string): string {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end === -1 ? host : host.slice(1, end);
  }
  const colon = host.indexOf(':');
  // Two or more colons: a bare IPv6 literal, not host:port.
  return colon !== -1 && host.indexOf(':', colon + 1) === -1 ? host.slice(0, colon) : host;
}

export function generateSelfSignedCert(opts: SelfSignedCertOptions): SelfSignedCert {
  const host = bareHost(opts.host);
  const now = opts.now ?? new Date();
  // DER times carry whole seconds: truncate so the returned dates match the certificate.
  const nowSec = Math.floor(now.getTime() / 1000) * 1000;
  const notBefore = new Date(nowSec - DAY_MS);
  const notAfter = new Date(nowSec);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + (opts.validYears ?? 10));

  const dnsNames = ['localhost'];
  const ipAddresses = ['127.0.0.1'];
  if (ipToBytes(host)) {
    if (!ipAddresses.includes(host)) ipAddresses.push(host);
  } else if (!dnsNames.includes(host.toLowerCase())) {
    dnsNames.push(host);
  }

  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const tbs = tbsCertificate({ host, notBefore, notAfter, dnsNames, ipAddresses, publicKey });
  // crypto.sign with an EC key yields the DER ECDSA-Sig-Value that X.509 expects (RFC 5758 §3.2).
  const signature = sign('sha256', tbs, privateKey);
  const cert = der.sequence(tbs, der.sequence(der.oid(OID.ecdsaWithSha256)), der.bitString(signature));

  return {
    certPem: der.toPem('CERTIFICATE', cert),
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    notBefore,
    notAfter,
    dnsNames,
    ipAddresses,
  };
}

interface TbsInput {
  host: string;
  notBefore: Date;
  notAfter: Date;
  dnsNames: string[];
  ipAddresses: string[];
  publicKey: KeyObject;
}

/** TBSCertificate (RFC 5280 §4.1.2), issuer = subject = CN=<host>. */
function tbsCertificate(t: TbsInput): Uint8Array {
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x40; // positive and exactly 16 bytes (§4.1.2.2: ≤ 20 octets)
  const name = der.sequence(der.set(der.sequence(der.oid(OID.commonName), der.utf8String(t.host))));
  const spki = t.publicKey.export({ type: 'spki', format: 'der' });
  return der.sequence(
    der.explicit(0, der.unsignedInteger(2)), // version v3
    der.unsignedInteger(serial),
    der.sequence(der.oid(OID.ecdsaWithSha256)),
    name,
    der.sequence(der.time(t.notBefore), der.time(t.notAfter)),
    name,
    spki,
    der.explicit(3, der.sequence(...extensions(t))),
  );
}

function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return critical
    ? der.sequence(der.oid(id), der.boolean(true), der.octetString(value))
    : der.sequence(der.oid(id), der.octetString(value));
}

function extensions(t: TbsInput): Uint8Array[] {
  // GeneralName: dNSName [2] IA5String, iPAddress [7] OCTET STRING (§4.2.1.6).
  const names = [
    ...t.dnsNames.map((d) => der.implicitPrimitive(2, Buffer.from(d, 'latin1'))),
    ...t.ipAddresses.map((ip) => der.implicitPrimitive(7, ipToBytes(ip)!)),
  ];
  return [
    extension(OID.subjectAltName, false, der.sequence(...names)),
    // cA defaults to FALSE and DER omits defaults: an empty SEQUENCE (§4.2.1.9).
    extension(OID.basicConstraints, true, der.sequence()),
    // KeyUsage BIT STRING, bit 0 = digitalSignature: one byte 0x80 with 7 unused bits (§4.2.1.3).
    extension(OID.keyUsage, true, der.bitString(Uint8Array.of(0x80), 7)),
    extension(OID.extKeyUsage, false, der.sequence(der.oid(OID.serverAuth))),
  ];
}
