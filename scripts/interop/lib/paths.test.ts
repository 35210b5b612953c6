// Tests for finding shared/: $SHARED_DIR first, else beside the repository, else a clear error.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InteropSetupError, sharedDir, synapseScript } from './paths.ts';

function fakeShared(root: string): string {
  const dir = join(root, 'shared');
  mkdirSync(join(dir, 'peers', 'synapse'), { recursive: true });
  writeFileSync(join(dir, 'peers', 'synapse', 'start.sh'), '#!/bin/sh\n');
  return dir;
}

describe('sharedDir', () => {
  test('uses $SHARED_DIR when set', () => {
    const root = mkdtempSync(join(tmpdir(), 'interop-paths-'));
    try {
      const dir = fakeShared(root);
      assert.equal(sharedDir({ SHARED_DIR: dir }, join(root, 'elsewhere', 'repo')), dir);
      assert.equal(synapseScript('stop.sh', { SHARED_DIR: dir }), join(dir, 'peers', 'synapse', 'stop.sh'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('falls back to <repo>/../shared', () => {
    const root = mkdtempSync(join(tmpdir(), 'interop-paths-'));
    try {
      const dir = fakeShared(root);
      assert.equal(sharedDir({}, join(root, 'main')), dir);
      assert.equal(sharedDir({ SHARED_DIR: '' }, join(root, 'main')), dir);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('a missing shared/ is an InteropSetupError naming the place looked at', () => {
    const root = mkdtempSync(join(tmpdir(), 'interop-paths-'));
    try {
      assert.throws(() => sharedDir({}, join(root, 'main')), (e: unknown) =>
        e instanceof InteropSetupError && e.message.includes(join(root, 'shared', 'peers', 'synapse', 'start.sh')));
      assert.throws(() => sharedDir({ SHARED_DIR: join(root, 'nope') }, join(root, 'main')), (e: unknown) =>
        e instanceof InteropSetupError && e.message.includes('SHARED_DIR='));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
