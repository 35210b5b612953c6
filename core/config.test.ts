// Tests for command-line and environment configuration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig, ConfigError } from './config.ts';

test('defaults', () => {
  const c = parseConfig([], {});
  assert.ok(c !== 'help');
  assert.equal(c.serverName, '127.0.0.1:8448');
  assert.equal(c.federationPort, 8448);
  assert.equal(c.adminPort, 8008);
  assert.equal(c.dataDir, './data');
  assert.equal(c.experiment, 'baseline');
  assert.equal(c.federationTlsVerify, true);
  assert.equal(c.watch, true);
});

test('flags in both spellings, and the server name follows the federation port', () => {
  const c = parseConfig(['--federation-port', '9448', '--admin-port=9008', '--federation-tls-verify', 'false', '--no-watch', '--experiment', 'x'], {});
  assert.ok(c !== 'help');
  assert.equal(c.serverName, '127.0.0.1:9448');
  assert.equal(c.adminPort, 9008);
  assert.equal(c.federationTlsVerify, false);
  assert.equal(c.watch, false);
  assert.equal(c.experiment, 'x');
});

test('environment variables, overridden by flags', () => {
  const env = { FLUCTLIGHT_SERVER_NAME: 'example.org', FLUCTLIGHT_ADMIN_PORT: '7000', FLUCTLIGHT_NO_WATCH: 'true' };
  const c = parseConfig(['--admin-port', '7001'], env);
  assert.ok(c !== 'help');
  assert.equal(c.serverName, 'example.org');
  assert.equal(c.adminPort, 7001);
  assert.equal(c.watch, false);
});

test('unknown and malformed input is a ConfigError naming the problem', () => {
  const cases: Array<[string[], Record<string, string>, RegExp]> = [
    [['--bogus'], {}, /unknown option --bogus/],
    [['--federation-port', 'abc'], {}, /port number/],
    [['--federation-port', '70000'], {}, /port number/],
    [['--federation-tls-verify', 'maybe'], {}, /true or false/],
    [['--data-dir'], {}, /needs a value/],
    [['stray'], {}, /unexpected argument/],
    [['--server-name', 'bad name'], {}, /not a valid Matrix server name/],
    [['--admin-port', '8448'], {}, /must differ/],
    [[], { FLUCTLIGHT_FEDERATION_PORT: 'x' }, /environment FLUCTLIGHT_FEDERATION_PORT/],
  ];
  for (const [argv, env, re] of cases) assert.throws(() => parseConfig(argv, env), (e: unknown) => e instanceof ConfigError && re.test(e.message), argv.join(' '));
});

test('--help', () => assert.equal(parseConfig(['--help'], {}), 'help'));
