// Tests every branch of server-name resolution with fake DNS and a fake well-known fetcher.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SrvRecord } from 'node:dns';
import { ResolutionStep, ServerNameError, ServerResolver, type ResolvedServer } from './resolve-server.ts';
import { pickSrvRecord } from './srv.ts';
import type { WellKnownResponse } from './well-known.ts';

interface World {
  wellKnown?: Record<string, unknown>; // hostname → m.server document (or an Error)
  srv?: Record<string, SrvRecord[]>;
}

function makeResolver(world: World, opts: { now?: () => number } = {}) {
  const wkCalls: string[] = [];
  const srvCalls: string[] = [];
  const resolver = new ServerResolver({
    fetchWellKnown: async (host): Promise<WellKnownResponse> => {
      wkCalls.push(host);
      const doc = world.wellKnown?.[host];
      if (doc instanceof Error) throw doc;
      if (doc === undefined) return { status: 404, cacheControl: undefined, body: Buffer.from('{}') };
      return { status: 200, cacheControl: undefined, body: Buffer.from(JSON.stringify(doc)) };
    },
    resolveSrv: async (name) => {
      srvCalls.push(name);
      const recs = world.srv?.[name];
      if (!recs) throw Object.assign(new Error(`queryNotFound ${name}`), { code: 'ENOTFOUND' });
      return recs;
    },
    random: () => 0,
    ...opts,
  });
  return { resolver, wkCalls, srvCalls };
}

const srv = (name: string, port: number, priority = 10, weight = 5): SrvRecord => ({ name, port, priority, weight });
const view = (r: ResolvedServer) => [r.host, r.port, r.hostHeader, r.tlsServername, r.step];

describe('ServerResolver', () => {
  test('1. IP literals: given port or 8448, Host = server name, no SNI, no lookups', async () => {
    const { resolver, wkCalls, srvCalls } = makeResolver({});
    assert.deepEqual(view(await resolver.resolve('1.2.3.4')), ['1.2.3.4', 8448, '1.2.3.4', null, ResolutionStep.IP_LITERAL]);
    assert.deepEqual(view(await resolver.resolve('1.2.3.4:99')), ['1.2.3.4', 99, '1.2.3.4:99', null, 'ip-literal']);
    assert.deepEqual(view(await resolver.resolve('[::1]')), ['::1', 8448, '[::1]', null, 'ip-literal']);
    assert.deepEqual(view(await resolver.resolve('[2001:db8::1]:443')), ['2001:db8::1', 443, '[2001:db8::1]:443', null, 'ip-literal']);
    assert.deepEqual([wkCalls, srvCalls], [[], []]);
  });

  test('2. explicit port: that host:port, Host = server name, cert for the hostname, no lookups', async () => {
    const { resolver, wkCalls, srvCalls } = makeResolver({ wellKnown: { 'a.org': { 'm.server': 'z.org' } } });
    assert.deepEqual(view(await resolver.resolve('a.org:8000')), ['a.org', 8000, 'a.org:8000', 'a.org', 'explicit-port']);
    assert.deepEqual([wkCalls, srvCalls], [[], []]);
  });

  test('3a. delegated IP literal (with and without port)', async () => {
    const { resolver, srvCalls } = makeResolver({
      wellKnown: { 'a.org': { 'm.server': '10.0.0.1:4443' }, 'b.org': { 'm.server': '[::2]' } },
    });
    assert.deepEqual(view(await resolver.resolve('a.org')), ['10.0.0.1', 4443, '10.0.0.1:4443', null, 'delegated-ip-literal']);
    assert.deepEqual(view(await resolver.resolve('b.org')), ['::2', 8448, '[::2]', null, 'delegated-ip-literal']);
    assert.deepEqual(srvCalls, []);
  });

  test('3b. delegated hostname with port: Host = delegated:port, cert for the delegated hostname', async () => {
    const { resolver, srvCalls } = makeResolver({ wellKnown: { 'a.org': { 'm.server': 'hs.b.net:443' } } });
    const r = await resolver.resolve('a.org');
    assert.deepEqual(view(r), ['hs.b.net', 443, 'hs.b.net:443', 'hs.b.net', 'delegated-explicit-port']);
    assert.equal(r.serverName, 'a.org');
    assert.deepEqual(srvCalls, []);
  });

  test('3c. delegated hostname without port: SRV _matrix-fed of the delegated name; Host/cert stay delegated', async () => {
    const { resolver, srvCalls } = makeResolver({
      wellKnown: { 'a.org': { 'm.server': 'hs.b.net' } },
      srv: { '_matrix-fed._tcp.hs.b.net': [srv('node7.b.net.', 8449)], '_matrix-fed._tcp.a.org': [srv('wrong', 1)] },
    });
    assert.deepEqual(view(await resolver.resolve('a.org')), ['node7.b.net', 8449, 'hs.b.net', 'hs.b.net', 'delegated-srv']);
    assert.deepEqual(srvCalls, ['_matrix-fed._tcp.hs.b.net']);
  });

  test('3d. delegated: falls back to the deprecated _matrix._tcp record', async () => {
    const { resolver, srvCalls } = makeResolver({
      wellKnown: { 'a.org': { 'm.server': 'hs.b.net' } },
      srv: { '_matrix._tcp.hs.b.net': [srv('old.b.net', 8450)] },
    });
    assert.deepEqual(view(await resolver.resolve('a.org')), ['old.b.net', 8450, 'hs.b.net', 'hs.b.net', 'delegated-srv']);
    assert.deepEqual(srvCalls, ['_matrix-fed._tcp.hs.b.net', '_matrix._tcp.hs.b.net']);
  });

  test('3e. delegated without SRV: delegated hostname on 8448', async () => {
    const { resolver } = makeResolver({ wellKnown: { 'a.org': { 'm.server': 'hs.b.net' } } });
    assert.deepEqual(view(await resolver.resolve('a.org')), ['hs.b.net', 8448, 'hs.b.net', 'hs.b.net', 'delegated-default-port']);
  });

  test('4. no well-known: SRV _matrix-fed of the server name; Host and cert are the server name', async () => {
    const { resolver, wkCalls } = makeResolver({ srv: { '_matrix-fed._tcp.a.org': [srv('fed.a.org', 443)] } });
    assert.deepEqual(view(await resolver.resolve('a.org')), ['fed.a.org', 443, 'a.org', 'a.org', 'srv']);
    assert.deepEqual(wkCalls, ['a.org']);
  });

  test('5. deprecated _matrix._tcp when _matrix-fed is absent', async () => {
    const { resolver, srvCalls } = makeResolver({ srv: { '_matrix._tcp.a.org': [srv('legacy.a.org', 8008)] } });
    assert.deepEqual(view(await resolver.resolve('a.org')), ['legacy.a.org', 8008, 'a.org', 'a.org', 'srv']);
    assert.deepEqual(srvCalls, ['_matrix-fed._tcp.a.org', '_matrix._tcp.a.org']);
  });

  test('6. nothing found (well-known fetch throws, no SRV): hostname on 8448', async () => {
    const { resolver } = makeResolver({ wellKnown: { 'a.org': new Error('ECONNREFUSED') } });
    assert.deepEqual(view(await resolver.resolve('a.org')), ['a.org', 8448, 'a.org', 'a.org', 'default-port']);
  });

  test('an invalid m.server is ignored (step 4 onwards)', async () => {
    const { resolver } = makeResolver({
      wellKnown: { 'a.org': { 'm.server': 'not valid:port' } },
      srv: { '_matrix-fed._tcp.a.org': [srv('fed.a.org', 443)] },
    });
    assert.equal((await resolver.resolve('a.org')).step, 'srv');
  });

  test('invalid server names throw ServerNameError', async () => {
    const { resolver } = makeResolver({});
    await assert.rejects(resolver.resolve('bad name'), ServerNameError);
    await assert.rejects(resolver.resolve('a.org:0'), ServerNameError);
  });

  test('results are cached; forget() and expiry force a new resolution', async () => {
    let t = 0;
    const { resolver, wkCalls } = makeResolver({ wellKnown: { 'a.org': { 'm.server': 'hs.b.net:443' } } }, { now: () => t });
    await resolver.resolve('a.org');
    await resolver.resolve('a.org');
    assert.equal(wkCalls.length, 1);
    resolver.forget('a.org');
    await resolver.resolve('a.org');
    assert.equal(wkCalls.length, 2);
    t += 10 * 60_000; // resolution cache expired, well-known (24 h) still fresh
    await resolver.resolve('a.org');
    assert.equal(wkCalls.length, 2);
    t += 24 * 3_600_000;
    await resolver.resolve('a.org');
    assert.equal(wkCalls.length, 3);
  });
});

describe('pickSrvRecord (RFC 2782)', () => {
  test('lowest priority wins; weights split the random range; "." is skipped', () => {
    const recs = [srv('low', 1, 20, 100), srv('a', 2, 10, 1), srv('b', 3, 10, 3), srv('.', 4, 0, 0)];
    assert.equal(pickSrvRecord(recs, () => 0)?.name, 'a');
    assert.equal(pickSrvRecord(recs, () => 0.24)?.name, 'a');
    assert.equal(pickSrvRecord(recs, () => 0.26)?.name, 'b');
    assert.equal(pickSrvRecord(recs, () => 0.999)?.name, 'b');
    assert.equal(pickSrvRecord([srv('.', 1)], () => 0), null);
    assert.equal(pickSrvRecord([], () => 0), null);
    assert.equal(pickSrvRecord([srv('x', 1, 0, 0), srv('y', 2, 0, 0)], () => 0.6)?.name, 'y');
  });
});
