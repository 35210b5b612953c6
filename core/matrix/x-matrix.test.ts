// X-Matrix header parsing variants, formatting, and request signing/verification.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBase64, encodeBase64 } from './base64.ts';
import { Errcode, MatrixError } from './errors.ts';
import type { SigningKey } from './signing.ts';
import { CODECS, loadVectors, testSigner } from './test-support.ts';
import { assertDestination, formatXMatrix, parseXMatrix, requestSigningObject, signRequest, signedRequestBytes, verifyXMatrix } from './x-matrix.ts';

const SPEC_EXAMPLE = 'X-Matrix origin="origin.hs.example.com",destination="destination.hs.example.com",key="ed25519:key1",sig="ABCDEF..."';

function rejects(header: string, reason: RegExp): void {
  assert.throws(() => parseXMatrix(header), (err: unknown) => {
    assert.ok(err instanceof MatrixError, String(err));
    assert.equal(err.status, 401);
    assert.equal(err.errcode, Errcode.UNAUTHORIZED);
    assert.match(err.message, reason, header);
    return true;
  }, header);
}

describe('parseXMatrix', () => {
  test('the spec example', () => {
    assert.deepEqual(parseXMatrix(SPEC_EXAMPLE), {
      origin: 'origin.hs.example.com', destination: 'destination.hs.example.com', key: 'ed25519:key1', sig: 'ABCDEF...',
    });
  });

  test('scheme and names are case-insensitive; any order; spaces around "," and "="', () => {
    const want = { origin: 'a.example', destination: 'b.example', key: 'ed25519:k', sig: 'c2ln' };
    const variants = [
      'x-matrix origin="a.example",destination="b.example",key="ed25519:k",sig="c2ln"',
      'X-MATRIX ORIGIN="a.example",Destination="b.example",KEY="ed25519:k",Sig="c2ln"',
      'X-Matrix sig="c2ln",key="ed25519:k",destination="b.example",origin="a.example"',
      'X-Matrix   origin = "a.example" , destination= "b.example",\tkey ="ed25519:k" ,sig="c2ln"  ',
      'X-Matrix origin="a.example",,destination="b.example", ,key="ed25519:k",sig="c2ln",',
    ];
    for (const h of variants) assert.deepEqual(parseXMatrix(h), want, h);
  });

  test('bare values, including colons, ports, IPv6 literals and base64 padding', () => {
    assert.deepEqual(parseXMatrix('X-Matrix origin=a.example:8448,key=ed25519:a_b1,sig=abc+/d==,destination=[::1]:8448'), {
      origin: 'a.example:8448', destination: '[::1]:8448', key: 'ed25519:a_b1', sig: 'abc+/d==',
    });
  });

  test('quoted values with backslash escapes are unescaped', () => {
    const h = 'X-Matrix origin="a.example",key="ed25519:\\k\\"1\\\\",sig="s\\ig"';
    assert.deepEqual(parseXMatrix(h), { origin: 'a.example', destination: undefined, key: 'ed25519:k"1\\', sig: 'sig' });
    assert.equal(parseXMatrix('X-Matrix origin="a.example",key="k,=x y",sig="s"').key, 'k,=x y');
  });

  test('unknown parameters are ignored (quoted, bare, even repeated); destination is optional', () => {
    const h = 'X-Matrix foo="bar, \\"baz\\"",origin=a.example,x=1,key="ed25519:k",x=2,sig="s"';
    assert.deepEqual(parseXMatrix(h), { origin: 'a.example', destination: undefined, key: 'ed25519:k', sig: 's' });
  });

  test('missing, empty, duplicate or invalid fields give precise 401s', () => {
    rejects('X-Matrix key="ed25519:k",sig="s"', /no origin/);
    rejects('X-Matrix origin="a.example",sig="s"', /no key/);
    rejects('X-Matrix origin="a.example",key="ed25519:k"', /no sig/);
    rejects('X-Matrix origin="a.example",key="",sig="s"', /key parameter is empty/);
    rejects('X-Matrix origin="a.example",key="k",sig=""', /sig parameter is empty/);
    rejects('X-Matrix origin="a.example",origin="b.example",key="k",sig="s"', /duplicate origin/);
    rejects('X-Matrix origin="a.example",ORIGIN="a.example",key="k",sig="s"', /duplicate origin/);
    rejects('X-Matrix origin="not a server!",key="k",sig="s"', /origin .* not a valid server name/);
    rejects('X-Matrix origin="a.example",destination="b_c",key="k",sig="s"', /destination .* not a valid server name/);
  });

  test('malformed syntax gives precise 401s', () => {
    rejects('Bearer abc', /scheme is "Bearer"/);
    rejects('X-Matrixorigin="a"', /scheme is "X-Matrixorigin"/);
    rejects('X-Matrix', /no origin/);
    rejects('', /scheme is ""/);
    rejects('X-Matrix,origin="a.example",key="k",sig="s"', /expected a space after the scheme/);
    rejects('X-Matrix origin="a.example",key="k",sig="s', /unterminated quoted value of sig/);
    rejects('X-Matrix origin="a.example",key="k",sig="s\\', /unterminated quoted value of sig/);
    rejects('X-Matrix origin="a.example" key="k",sig="s"', /expected "," after parameter origin/);
    rejects('X-Matrix origin,key="k",sig="s"', /parameter origin has no "="/);
    rejects('X-Matrix origin=,key="k",sig="s"', /parameter origin has an empty value/);
    rejects('X-Matrix ="a.example"', /expected a parameter name/);
    rejects('X-Matrix origin=a"b,key="k",sig="s"', /unexpected "\\"" in the value of origin/);
    rejects('X-Matrix origin="a\u0001",key="k",sig="s"', /control character/);
  });
});

describe('formatXMatrix', () => {
  test('writes the spec form and parses back, escaping quotes and backslashes', () => {
    const auth = { origin: 'origin.hs.example.com', destination: 'destination.hs.example.com', key: 'ed25519:key1', sig: 'ABCDEF...' };
    assert.equal(formatXMatrix(auth), SPEC_EXAMPLE);
    const odd = { origin: 'a.example', destination: undefined, key: 'ed25519:"x\\', sig: 's' };
    assert.equal(formatXMatrix(odd), 'X-Matrix origin="a.example",key="ed25519:\\"x\\\\",sig="s"');
    assert.deepEqual(parseXMatrix(formatXMatrix(odd)), odd);
  });
});

interface SigningVectors { seed_base64: string; public_key_base64: string }
const v = loadVectors<SigningVectors>('signing.json');
const key: SigningKey = { entity: 'origin.example', keyId: 'ed25519:1', seed: decodeBase64(v.seed_base64) };
const publicKey = decodeBase64(v.public_key_base64);

for (const codec of CODECS) {
  describe(`request signing with ${codec.name}`, () => {
    const req = { method: 'PUT', uri: '/_matrix/federation/v1/send/123?x=%20y', destination: 'dest.example', content: { pdus: [], edus: [{ t: 1 }] } };

    test('requestSigningObject carries content only when there is a body', () => {
      assert.deepEqual(requestSigningObject({ ...req, origin: 'o' }), { method: 'PUT', uri: req.uri, origin: 'o', destination: 'dest.example', content: req.content });
      const { content: _c, ...noBody } = req;
      assert.equal(Object.hasOwn(requestSigningObject({ ...noBody, origin: 'o' }), 'content'), false);
    });

    test('signRequest → parseXMatrix → verifyXMatrix round trip; the signature is over the canonical object', () => {
      const header = signRequest(codec, testSigner, req, key);
      const auth = parseXMatrix(header);
      assert.deepEqual({ ...auth, sig: '' }, { origin: 'origin.example', destination: 'dest.example', key: 'ed25519:1', sig: '' });
      const expected = testSigner.sign(key.seed, new TextEncoder().encode(
        '{"content":{"edus":[{"t":1}],"pdus":[]},"destination":"dest.example","method":"PUT","origin":"origin.example","uri":"/_matrix/federation/v1/send/123?x=%20y"}',
      ));
      assert.equal(auth.sig, encodeBase64(expected));
      assert.equal(verifyXMatrix(codec, testSigner, auth, req, publicKey), true);
    });

    test('the body given as canonical bytes (contentBytes) signs the same message', () => {
      const { content, ...noBody } = req;
      const spliced = signedRequestBytes(codec, { ...noBody, origin: 'o', contentBytes: codec.encode(content) });
      assert.deepEqual(spliced, codec.encode(requestSigningObject({ ...req, origin: 'o' })));
      const auth = parseXMatrix(signRequest(codec, testSigner, req, key));
      assert.equal(verifyXMatrix(codec, testSigner, auth, { ...noBody, contentBytes: codec.encode(content) }, publicKey), true);
      assert.equal(verifyXMatrix(codec, testSigner, auth, { ...noBody, contentBytes: codec.encode({ pdus: [] }) }, publicKey), false);
    });

    test('any change to method, uri, destination, origin or body fails verification', () => {
      const auth = parseXMatrix(signRequest(codec, testSigner, req, key));
      assert.equal(verifyXMatrix(codec, testSigner, auth, { ...req, method: 'POST' }, publicKey), false);
      assert.equal(verifyXMatrix(codec, testSigner, auth, { ...req, uri: req.uri + '&z' }, publicKey), false);
      assert.equal(verifyXMatrix(codec, testSigner, auth, { ...req, content: { pdus: [] } }, publicKey), false);
      const { content: _c, ...noBody } = req;
      assert.equal(verifyXMatrix(codec, testSigner, auth, noBody, publicKey), false);
      assert.equal(verifyXMatrix(codec, testSigner, { ...auth, origin: 'evil.example' }, req, publicKey), false);
      assert.equal(verifyXMatrix(codec, testSigner, { ...auth, sig: 'not base64!' }, req, publicKey), false);
      // A header naming another destination is refused even with a valid signature for it.
      assert.equal(verifyXMatrix(codec, testSigner, auth, { ...req, destination: 'other.example' }, publicKey), false);
    });

    test('a header without destination still verifies: the signed object always had ours', () => {
      const auth = parseXMatrix(signRequest(codec, testSigner, req, key));
      assert.equal(verifyXMatrix(codec, testSigner, { ...auth, destination: undefined }, req, publicKey), true);
    });
  });
}

test('assertDestination', () => {
  const auth = parseXMatrix('X-Matrix origin=a.example,destination=b.example,key=ed25519:k,sig=s');
  assertDestination(auth, 'b.example');
  assertDestination({ ...auth, destination: undefined }, 'b.example');
  assert.throws(() => assertDestination(auth, 'c.example'), (err: unknown) => err instanceof MatrixError && err.status === 401 && /b\.example/.test(err.message));
});
