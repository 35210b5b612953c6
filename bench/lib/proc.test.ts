// /proc readings and cpu lists (Linux: the bench's home).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpuJiffies, cpuList, cpuSeconds, pinned, statusBytes } from './proc.ts';

test('taskset cpu lists', () => {
  assert.deepEqual(cpuList('1'), [1]);
  assert.deepEqual(cpuList('0-3'), [0, 1, 2, 3]);
  assert.deepEqual(cpuList('0,2-3'), [0, 2, 3]);
});

test('pinning prefixes taskset only when cpus are given', () => {
  assert.deepEqual(pinned('1', 'node', ['a.ts']), ['taskset', ['-c', '1', 'node', 'a.ts']]);
  assert.deepEqual(pinned(null, 'node', ['a.ts']), ['node', ['a.ts']]);
});

test('our own process: a peak RSS at least the current one, some CPU time; cpu0 jiffies', { skip: process.platform !== 'linux' }, () => {
  // RSS first: the high-water mark can only have grown by the time it is read.
  const rss = statusBytes(process.pid, 'VmRSS')!;
  const hwm = statusBytes(process.pid, 'VmHWM')!;
  assert.ok(rss > 1 << 20 && hwm >= rss, `VmHWM ${hwm} ≥ VmRSS ${rss}`);
  assert.ok(cpuSeconds(process.pid)! > 0);
  const j = cpuJiffies([0])!;
  assert.ok(j.total > 0 && j.busy >= 0 && j.busy <= j.total);
  assert.equal(cpuJiffies([4096]), null, 'a cpu that does not exist');
  assert.equal(statusBytes(2 ** 30, 'VmHWM'), null, 'a pid that does not exist');
});
