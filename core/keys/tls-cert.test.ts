// Tests for the self-signed certificate generator: DER pieces, X.509 parsing, and real TLS handshakes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import * as der from './tls-cert-der.ts';
import { ipToBytes } from './tls-cert-ip.ts';
import { bareHost, generateSelfSignedCert } from './tls-cert.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('DER encoder', () => {
  test('OID ecdsa-with-SHA256 encodes to the well-known bytes', () => {
    assert.equal(hex(der.oid('1.2.840.10045.4.3.2')), '06082a8648ce3d040302');
  });
  test('INTEGER is minimal and gets a 0x00 prefix when the top bit is set', () => {
    assert.equal(hex(der.unsignedInteger(2)), '020102');
    assert.equal(hex(der.unsignedInteger(0)), '020100');
    assert.equal(hex(der.unsignedInteger(Uint8Array.of(0, 0, 0x80))), '02020080');
    assert.equal(hex(der.unsignedInteger(Uint8Array.of(0x7f, 1))), '02027f01');
  });
  test('long lengths use the long form', () => {
    const enc = der.octetString(new Uint8Array(300));
    assert.equal(hex(enc.subarray(0, 4)), '0482012c');
    assert.equal(enc.length, 304);
  });
  test('times: UTCTime before 2050, GeneralizedTime from 2050', () => {
    const utc = der.time(new Date('2030-01-02T03:04:05.678Z'));
    assert.equal(utc[0], 0x17);
    assert.equal(Buffer.from(utc.subarray(2)).toString('latin1'), '300102030405Z');
    const gen = der.time(new Date('2050-01-02T03:04:05Z'));
    assert.equal(gen[0], 0x18);
    assert.equal(Buffer.from(gen.subarray(2)).toString('latin1'), '20500102030405Z');
  });
});

describe('ipToBytes / bareHost', () => {
  test('IPv4, IPv6 (compressed, bracketed, v4-mapped) and non-IPs', () => {
    assert.equal(hex(ipToBytes('127.0.0.1')!), '7f000001');
    assert.equal(hex(ipToBytes('::1')!), '00000000000000000000000000000001');
    assert.equal(hex(ipToBytes('[2001:db8::8:1]')!), '20010db8000000000000000000080001');
    assert.equal(hex(ipToBytes('::ffff:1.2.3.4')!), '00000000000000000000ffff01020304');
    assert.equal(hex(ipToBytes('1::')!), '00010000000000000000000000000000');
    assert.equal(ipToBytes('example.org'), null);
    assert.equal(ipToBytes('1.2.3'), null);
  });
  test('bareHost strips ports and brackets but keeps bare IPv6', () => {
    assert.equal(bareHost('example.org:8448'), 'example.org');
    assert.equal(bareHost('[::1]:8448'), '::1');
    assert.equal(bareHost('::1'), '::1');
    assert.equal(bareHost('1.2.3.4'), '1.2.3.4');
  });
});

describe('generateSelfSignedCert', () => {
  test('parses, self-verifies, and carries the requested names, validity and usages', () => {
    const now = new Date('2030-06-01T12:34:56.789Z');
    const c = generateSelfSignedCert({ host: 'hs.example.org:8448', now });
    const x = new X509Certificate(c.certPem);
    assert.equal(x.verify(x.publicKey), true);
    assert.equal(x.subject, 'CN=hs.example.org');
    assert.equal(x.issuer, 'CN=hs.example.org');
    assert.equal(x.subjectAltName, 'DNS:localhost, DNS:hs.example.org, IP Address:127.0.0.1');
    assert.equal(new Date(x.validFrom).toISOString(), '2030-05-31T12:34:56.000Z');
    assert.equal(new Date(x.validTo).toISOString(), '2040-06-01T12:34:56.000Z');
    assert.deepEqual([c.notBefore.toISOString(), c.notAfter.toISOString()], [
      '2030-05-31T12:34:56.000Z',
      '2040-06-01T12:34:56.000Z',
    ]);
    assert.equal(x.ca, false);
    assert.equal(x.publicKey.asymmetricKeyType, 'ec');
    assert.equal(x.publicKey.asymmetricKeyDetails?.namedCurve, 'prime256v1');
    assert.match(c.keyPem, /^-----BEGIN PRIVATE KEY-----\n/);
    assert.equal(x.checkHost('hs.example.org'), 'hs.example.org');
    assert.equal(x.checkIP('127.0.0.1'), '127.0.0.1');
    assert.equal(x.checkHost('other.example.org'), undefined);
  });

  test('IP hosts become iPAddress names; validity past 2050 still parses', () => {
    const c = generateSelfSignedCert({ host: '[2001:db8::1]:8448', now: new Date('2045-01-01T00:00:00Z') });
    const x = new X509Certificate(c.certPem);
    assert.equal(x.subjectAltName, 'DNS:localhost, IP Address:127.0.0.1, IP Address:2001:DB8:0:0:0:0:0:1');
    assert.equal(new Date(x.validTo).toISOString(), '2055-01-01T00:00:00.000Z');
    assert.equal(x.verify(x.publicKey), true);
  });

  test('a second certificate has a different key and serial', () => {
    const a = new X509Certificate(generateSelfSignedCert({ host: 'a' }).certPem);
    const b = new X509Certificate(generateSelfSignedCert({ host: 'a' }).certPem);
    assert.notEqual(a.serialNumber, b.serialNumber);
    assert.equal(a.verify(b.publicKey), false);
  });
});

describe('real TLS with the generated certificate', () => {
  const cert = generateSelfSignedCert({ host: '127.0.0.1' });

  function connect(port: number, opts: tls.ConnectionOptions): Promise<tls.TLSSocket> {
    return new Promise((resolve, reject) => {
      const s = tls.connect({ host: '127.0.0.1', port, ...opts }, () => resolve(s));
      s.once('error', reject);
    });
  }

  test('node:https serves it; clients with and without verification connect', async () => {
    const server = https.createServer({ key: cert.keyPem, cert: cert.certPem }, (_req, res) => res.end('ok'));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    try {
      const get = (opts: https.RequestOptions) =>
        new Promise<string>((resolve, reject) => {
          https
            .get({ host: '127.0.0.1', port, path: '/', agent: false, ...opts }, (res) => {
              let body = '';
              res.on('data', (d) => (body += d));
              res.on('end', () => resolve(body));
            })
            .on('error', reject);
        });
      assert.equal(await get({ rejectUnauthorized: false }), 'ok');
      // Trusting the cert as a CA: the identity check against the IP 127.0.0.1 passes.
      assert.equal(await get({ ca: cert.certPem }), 'ok');
      // Without trusting it, verification fails as it must for a self-signed cert.
      await assert.rejects(get({}), (e: NodeJS.ErrnoException) => e.code === 'DEPTH_ZERO_SELF_SIGNED_CERT');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  test('node:tls: servername localhost validates, a wrong name is rejected, checkServerIdentity passes', async () => {
    const server = tls.createServer({ key: cert.keyPem, cert: cert.certPem }, (s) => s.end());
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    try {
      const insecure = await connect(port, { rejectUnauthorized: false });
      assert.equal(insecure.authorized, false);
      insecure.destroy();

      const byIp = await connect(port, { ca: cert.certPem });
      assert.equal(byIp.authorized, true);
      assert.equal(tls.checkServerIdentity('127.0.0.1', byIp.getPeerCertificate()), undefined);
      byIp.destroy();

      const byName = await connect(port, { ca: cert.certPem, servername: 'localhost' });
      assert.equal(byName.authorized, true);
      byName.destroy();

      await assert.rejects(
        connect(port, { ca: cert.certPem, servername: 'wrong.example.org' }),
        (e: NodeJS.ErrnoException) => e.code === 'ERR_TLS_CERT_ALTNAME_INVALID',
      );
    } finally {
      server.close();
    }
  });
});
