// Identifier grammar: server names, user/room/event ids, aliases, key ids, the 255-byte limit.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  fitsIdLimit, isCompliantUserLocalpart, isEd25519KeyId, isHashEventId, isV12RoomId, isValidEventId, isValidRoomAlias,
  isValidRoomId, isValidServerName, isValidUserId, parseKeyId, parseRoomAlias, parseRoomId, parseServerName, parseUserId,
  serverNameOf,
} from './ids.ts';

describe('server names (appendices §Server Name)', () => {
  test('the spec examples and their parts', () => {
    assert.deepEqual(parseServerName('matrix.org'), { host: 'matrix.org', port: undefined, kind: 'dns' });
    assert.deepEqual(parseServerName('matrix.org:8888'), { host: 'matrix.org', port: 8888, kind: 'dns' });
    assert.deepEqual(parseServerName('1.2.3.4'), { host: '1.2.3.4', port: undefined, kind: 'ipv4' });
    assert.deepEqual(parseServerName('1.2.3.4:1234'), { host: '1.2.3.4', port: 1234, kind: 'ipv4' });
    assert.deepEqual(parseServerName('[1234:5678::abcd]'), { host: '[1234:5678::abcd]', port: undefined, kind: 'ipv6' });
    assert.deepEqual(parseServerName('[1234:5678::abcd]:5678'), { host: '[1234:5678::abcd]', port: 5678, kind: 'ipv6' });
  });

  test('more valid names', () => {
    for (const s of ['localhost', 'a', 'xn--bcher-kva.example', 'EXAMPLE.ORG', 'a-b.c-d', '[::1]', '[::ffff:1.2.3.4]:80', 'x.y:0', 'x:99999',
      '999.1.1.1' /* a dns-name by the grammar, not an IPv4 literal */, 'a'.repeat(255)]) {
      assert.ok(isValidServerName(s), s);
    }
    assert.equal(parseServerName('999.1.1.1')!.kind, 'dns');
  });

  test('invalid names', () => {
    for (const s of ['', 'a_b.org', 'exa mple.org', 'example.org:', 'example.org:123456', 'example.org:80a', 'example.org:8:8',
      '[::1', '[::1]x', '[::1]:', '[]', '[g::1]', '[1::2::3]', '[fe80::1%eth0]', '::1', 'ex@mple', 'ünicode.org', 'a'.repeat(256)]) {
      assert.equal(isValidServerName(s), false, s);
    }
  });
});

describe('user ids (appendices §User Identifiers, §Historical User IDs)', () => {
  test('parse splits at the first colon', () => {
    assert.deepEqual(parseUserId('@alice:example.org'), { localpart: 'alice', serverName: 'example.org' });
    assert.deepEqual(parseUserId('@a:[::1]:8448'), { localpart: 'a', serverName: '[::1]:8448' });
  });

  test('historical localparts are accepted over federation; compliance is a separate check', () => {
    for (const s of ['@Alice:example.org', '@a b:example.org', '@日本:example.org', '@:example.org', '@a\u0001:example.org']) {
      assert.ok(isValidUserId(s), s);
    }
    assert.equal(isCompliantUserLocalpart('a.b_c=d-e/f+0'), true);
    for (const l of ['Alice', '', 'a b', 'ü', 'a:b']) assert.equal(isCompliantUserLocalpart(l), false, l);
  });

  test('invalid user ids', () => {
    for (const s of ['alice:example.org', '@alice', '@alice:', '@alice:bad_host', '@a\u0000b:example.org', '@\ud800:example.org', '#a:example.org']) {
      assert.equal(isValidUserId(s), false, JSON.stringify(s));
    }
  });

  test('255-byte limit counts UTF-8 bytes', () => {
    const server = ':example.org';
    assert.ok(isValidUserId('@' + 'a'.repeat(255 - 1 - server.length) + server));
    assert.equal(isValidUserId('@' + 'a'.repeat(256 - 1 - server.length) + server), false);
    // 3-byte characters: 80 of them are 240 bytes, fine; 81 are 243 + 13 > 255.
    assert.ok(isValidUserId('@' + '日'.repeat(80) + server));
    assert.equal(isValidUserId('@' + '日'.repeat(81) + server), false);
    assert.equal(fitsIdLimit('é'.repeat(127)), true);
    assert.equal(fitsIdLimit('é'.repeat(128)), false);
  });
});

describe('room ids', () => {
  test('classic and v12 forms', () => {
    assert.deepEqual(parseRoomId('!abc:example.org'), { localpart: 'abc', serverName: 'example.org' });
    const v12 = '!RrGxF28UrHLmoASHndYb9Jb_1SFww2ptmtur9INS438';
    assert.deepEqual(parseRoomId(v12), { localpart: v12.slice(1), serverName: undefined });
    assert.ok(isV12RoomId(v12));
    assert.equal(isV12RoomId('!abc:example.org'), false);
  });

  test('invalid room ids', () => {
    for (const s of ['abc:example.org', '!:example.org', '!abc', '!abc:', '!a\u0000:example.org', '!RrGxF28UrHLmoASHndYb9Jb/1SFww2ptmtur9INS438',
      '!RrGxF28UrHLmoASHndYb9Jb_1SFww2ptmtur9INS43', '!' + 'a'.repeat(250) + ':example.org']) {
      assert.equal(isValidRoomId(s), false, s);
    }
  });
});

describe('event ids', () => {
  test('hash forms per room version', () => {
    assert.ok(isHashEventId('$RrGxF28UrHLmoASHndYb9Jb/1SFww2ptmtur9INS438', false));
    assert.equal(isHashEventId('$RrGxF28UrHLmoASHndYb9Jb/1SFww2ptmtur9INS438', true), false);
    assert.ok(isHashEventId('$RrGxF28UrHLmoASHndYb9Jb_1SFww2ptmtur9INS438', true));
    assert.equal(isHashEventId('$RrGxF28UrHLmoASHndYb9Jb_1SFww2ptmtur9INS438', false), false);
    assert.equal(isHashEventId('$short', true), false);
    assert.equal(isHashEventId('!RrGxF28UrHLmoASHndYb9Jb_1SFww2ptmtur9INS438', true), false);
  });

  test('any-version validity', () => {
    for (const s of ['$abc:example.org', '$RrGxF28UrHLmoASHndYb9Jb_1SFww2ptmtur9INS438', '$x']) assert.ok(isValidEventId(s), s);
    for (const s of ['$', 'abc', '$:example.org', '$a:bad_host', '$a\u0000', '$' + 'a'.repeat(255)]) assert.equal(isValidEventId(s), false, s);
  });
});

describe('room aliases', () => {
  test('parse and reject', () => {
    assert.deepEqual(parseRoomAlias('#room:example.org'), { localpart: 'room', serverName: 'example.org' });
    assert.ok(isValidRoomAlias('#Räume mit Leerzeichen:example.org'));
    for (const s of ['room:example.org', '#:example.org', '#room', '#room:', '!room:example.org']) assert.equal(isValidRoomAlias(s), false, s);
  });
});

describe('serverNameOf', () => {
  test('the part after the first colon, when it is a valid server name', () => {
    assert.equal(serverNameOf('@alice:example.org:8448'), 'example.org:8448');
    assert.equal(serverNameOf('#a:b.example'), 'b.example');
    assert.equal(serverNameOf('!r:[::1]'), '[::1]');
    assert.equal(serverNameOf('$e:example.org'), 'example.org');
    assert.equal(serverNameOf('!RrGxF28UrHLmoASHndYb9Jb_1SFww2ptmtur9INS438'), undefined);
    assert.equal(serverNameOf('@alice:bad_host'), undefined);
  });
});

describe('key ids', () => {
  test('parse and ed25519 check', () => {
    assert.deepEqual(parseKeyId('ed25519:a_B9'), { algorithm: 'ed25519', version: 'a_B9' });
    assert.ok(isEd25519KeyId('ed25519:auto'));
    for (const s of ['ed25519:', 'ed25519:a-b', 'ed25519:a:b', 'curve25519:x', 'ed25519', ':x', 'ED25519:x']) {
      assert.equal(isEd25519KeyId(s), false, s);
    }
    assert.equal(parseKeyId('ed25519:a-b'), undefined);
    assert.deepEqual(parseKeyId('curve25519:x'), { algorithm: 'curve25519', version: 'x' });
  });
});
