// wrk output parsing (text report and our done() line) and the generated Lua script.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWrkDone, parseWrkText, wrkSample, wrkTimeMs, WrkParseError } from './wrk-parse.ts';
import { luaString, wrkScript } from './wrk-script.ts';

// As printed by wrk 4.1.0 (Debian) against Fluctlight on loopback.
const CLEAN = `Running 3s test @ https://127.0.0.1:28448/_matrix/key/v2/server
  1 threads and 10 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   111.36us  168.49us   3.64ms   98.03%
    Req/Sec    95.96k    12.39k  113.83k    58.06%
  Latency Distribution
     50%   88.00us
     75%  115.00us
     90%  143.00us
     99%  627.00us
  294935 requests in 3.10s, 123.48MB read
Requests/sec:  95128.85
Transfer/sec:     39.83MB
`;

const FAILING = `Running 10s test @ https://127.0.0.1:9/x
  1 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.20s   300.10ms   2.00m    70.00%
    Req/Sec    10.00      2.00     20.00     50.00%
  Latency Distribution
     50%    1.10s
     75%    1.50s
     90%    1.90s
     99%    1.00m
  120 requests in 10.02s, 10.00KB read
  Socket errors: connect 3, read 4, write 5, timeout 6
  Non-2xx or 3xx responses: 7
Requests/sec:     11.98
Transfer/sec:      1.00KB
FLBENCH {"requests":120,"duration_us":10020000,"connect":3,"read":4,"write":5,"status":7,"timeout":6,"p50":1100000.0,"p90":1900000.0,"p99":60000000.0,"p999":61000000.0,"max":120000000.0}
`;

describe('wrk text report', () => {
  test('times in every unit', () => {
    assert.equal(wrkTimeMs('88.00us'), 0.088);
    assert.equal(wrkTimeMs('3.64ms'), 3.64);
    assert.equal(wrkTimeMs('1.20s'), 1200);
    assert.equal(wrkTimeMs('2.00m'), 120_000);
    assert.throws(() => wrkTimeMs('12 parsecs'), WrkParseError);
  });

  test('totals, rate, latency distribution, no errors', () => {
    const t = parseWrkText(CLEAN);
    assert.equal(t.requests, 294935);
    assert.equal(t.durationS, 3.1);
    assert.equal(t.rps, 95128.85);
    assert.deepEqual(t.percentilesMs, { '50': 0.088, '75': 0.115, '90': 0.143, '99': 0.627 });
    assert.equal(t.meanMs, 0.11136);
    assert.equal(t.maxMs, 3.64);
    assert.deepEqual(t.socketErrors, { connect: 0, read: 0, write: 0, timeout: 0 });
    assert.equal(t.non2xx, 0);
  });

  test('socket errors and non-2xx responses', () => {
    const t = parseWrkText(FAILING);
    assert.deepEqual(t.socketErrors, { connect: 3, read: 4, write: 5, timeout: 6 });
    assert.equal(t.non2xx, 7);
    assert.equal(t.percentilesMs['99'], 60_000);
  });

  test('output without totals is an error', () => {
    assert.throws(() => parseWrkText('unable to connect to 127.0.0.1:9 Connection refused'), WrkParseError);
  });
});

describe('wrkSample', () => {
  test('from the text alone: p99.9 falls back to max', () => {
    const s = wrkSample(CLEAN);
    assert.deepEqual(s.latencyMs, { p50: 0.088, p90: 0.143, p99: 0.627, p999: 3.64, max: 3.64 });
    assert.equal(s.rps, 95128.85);
    assert.equal(s.errors, 0);
    assert.deepEqual(s.errorSamples, []);
  });

  test('the done() line wins: exact percentiles, errors summed over every kind', () => {
    assert.equal(parseWrkDone(CLEAN), null);
    const s = wrkSample(FAILING);
    assert.equal(s.requests, 120);
    assert.equal(s.durationS, 10.02);
    assert.ok(Math.abs(s.rps - 120 / 10.02) < 1e-9);
    assert.deepEqual(s.latencyMs, { p50: 1100, p90: 1900, p99: 60_000, p999: 61_000, max: 120_000 });
    assert.equal(s.errors, 3 + 4 + 5 + 7 + 6);
    assert.equal(s.errorSamples.length, 2);
  });

  test('a malformed done() line is an error, not zeros', () => {
    assert.throws(() => wrkSample(CLEAN + 'FLBENCH {"requests":1}\n'), /lacks numeric "duration_us"/);
  });
});

describe('wrk Lua script', () => {
  test('Lua string literals escape quotes, backslashes and newlines', () => {
    assert.equal(luaString('a"b\\c\nd'), '"a\\"b\\\\c\\nd"');
  });

  test('one request is wrk\'s static request: no per-request Lua call', () => {
    const s = wrkScript([{ method: 'GET', path: '/_matrix/key/v2/server' }]);
    assert.match(s, /^wrk\.method = "GET"$/m);
    assert.match(s, /^wrk\.path = "\/_matrix\/key\/v2\/server"$/m);
    assert.doesNotMatch(s, /request = function/);
    assert.match(s, /^done = function/m);
  });

  test('several requests: formatted in init() (after wrk sets Host), sent round-robin', () => {
    const s = wrkScript([
      { method: 'GET', path: '/a' },
      { method: 'POST', path: '/b', headers: { 'content-type': 'application/json' }, body: '{"k":"v"}' },
    ]);
    assert.match(s, /init = function\(args\)\n {2}reqs\[1\] = wrk\.format\("GET", "\/a", \{\}, nil\)\n {2}reqs\[2\] = wrk\.format\("POST", "\/b", \{\["content-type"\] = "application\/json"\}, "\{\\"k\\":\\"v\\"\}"\)\nend/);
    assert.match(s, /request = function\(\)\n {2}n = n % #reqs \+ 1/);
  });
});
