// The bench command line: defaults, lists, validation errors.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ArgsError, parseArgs, type RunOptions } from './args.ts';

const run = (argv: string[]): RunOptions => {
  const c = parseArgs(argv);
  assert.equal(c.kind, 'run');
  return (c as { options: RunOptions }).options;
};

describe('parseArgs', () => {
  test('no arguments: every scenario, baseline, default targets and parameters', () => {
    const o = run([]);
    assert.deepEqual(o.scenarios, []);
    assert.deepEqual(o.experiments, ['baseline']);
    assert.equal(o.targets, null);
    assert.equal(o.repeats, null);
    assert.equal(o.generator, 'auto');
    assert.equal(o.pin, true);
    assert.equal(o.quick, false);
    assert.equal(o.out, null);
  });

  test('lists may be repeated or comma-separated, and are de-duplicated', () => {
    const o = run(['--experiment', 'baseline,naive', '--experiment=tweetnacl', '--experiment', 'naive', '--scenario', 'key-get,json']);
    assert.deepEqual(o.experiments, ['baseline', 'naive', 'tweetnacl']);
    assert.deepEqual(o.scenarios, ['key-get', 'json']);
  });

  test('targets: names, and URLs reduced to their origin', () => {
    const o = run(['--target', 'fluctlight,uws-hello', '--target', 'https://example.org:8448/']);
    assert.deepEqual(o.targets, ['fluctlight', 'uws-hello', 'https://example.org:8448']);
  });

  test('numbers and flags', () => {
    const o = run(['--quick', '--repeats', '7', '--duration=2.5', '--warmup', '0', '--connections', '128', '--generator', 'node', '--no-pin', '--out', '/tmp/x']);
    assert.deepEqual([o.quick, o.repeats, o.durationS, o.warmupS, o.connections, o.generator, o.pin, o.out], [true, 7, 2.5, 0, 128, 'node', false, '/tmp/x']);
  });

  test('help, list and compare', () => {
    assert.deepEqual(parseArgs(['--help']), { kind: 'help' });
    assert.deepEqual(parseArgs(['--quick', '-h']), { kind: 'help' });
    assert.deepEqual(parseArgs(['--list']), { kind: 'list' });
    assert.deepEqual(parseArgs(['--compare', 'baseline', 'naive']), { kind: 'compare', a: 'baseline', b: 'naive', out: null });
    assert.deepEqual(parseArgs(['--out', 'd', '--compare', 'a.json', 'b.json']), { kind: 'compare', a: 'a.json', b: 'b.json', out: 'd' });
  });

  const errors: [string[], RegExp][] = [
    [['--bogus'], /unknown option --bogus/],
    [['key-get'], /unexpected argument "key-get"/],
    [['--repeats'], /--repeats needs a value/],
    [['--repeats', '0'], /whole number ≥ 1/],
    [['--repeats', '2.5'], /whole number ≥ 1/],
    [['--connections', 'many'], /whole number ≥ 1/],
    [['--duration', '0.1'], /seconds ≥ 0.5/],
    [['--duration', '-3'], /seconds ≥ 0.5/],
    [['--warmup', 'x'], /seconds ≥ 0/],
    [['--generator', 'ab'], /one of auto, wrk, node/],
    [['--target', 'nginx'], /neither fluctlight, uws-hello, synapse nor a URL/],
    [['--target', 'ftp://host'], /http\(s\) URL/],
    [['--target', 'https://host/path'], /origin/],
    [['--experiment', 'Bad Name'], /not an experiment name/],
    [['--scenario', 'a,,b'], /empty name/],
    [['--out', 'a', '--out', 'b'], /given twice/],
    [['--quick=yes'], /takes no value/],
    [['--compare', 'a'], /needs two runs/],
    [['--compare', 'a', '--quick'], /needs two runs/],
    [['--compare', 'a', 'b', '--quick'], /takes only --out, not --quick/],
    [['--compare', 'a', 'b', '--scenario', 'x'], /takes only --out/],
  ];
  for (const [argv, message] of errors) {
    test(`rejects ${argv.join(' ')}`, () => {
      assert.throws(() => parseArgs(argv), (e: unknown) => e instanceof ArgsError && message.test(e.message));
    });
  }
});
