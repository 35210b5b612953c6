// The progress line: plain lines when not on a TTY, elapsed/remaining, scenario, step and last rate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Progress } from './progress.ts';

test('off a TTY each step is one plain line, without cursor control', () => {
  const out: string[] = [];
  const p = new Progress({ write: (s) => out.push(s), isTTY: false });
  p.plan(90);
  p.scenario('key-get', 60);
  p.step('round 1/5: uws-hello (10 s)');
  p.rate('uws-hello 100,000 req/s');
  p.log('a permanent line');
  p.stop();
  assert.ok(out.every((s) => !s.includes('\x1b') && !s.includes('\r')));
  assert.match(out[0]!, /^\[0:00 elapsed, ~1:30 left\] · key-get\n$/);
  assert.match(out[1]!, /· key-get · round 1\/5: uws-hello \(10 s\)\n$/);
  assert.equal(out.at(-1), 'a permanent line\n');
  assert.match(p.line(), /last: uws-hello 100,000 req\/s$/);
});

test('on a TTY the line is redrawn in place and cleared before a log line', () => {
  const out: string[] = [];
  const p = new Progress({ write: (s) => out.push(s), isTTY: true });
  p.scenario('json', 10);
  p.log('done');
  p.stop();
  assert.match(out[0]!, /^\r\x1b\[K\[0:00 elapsed/);
  assert.equal(out[1], '\r\x1b[K');
  assert.equal(out[2], 'done\n');
});
