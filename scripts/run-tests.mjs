// Runs every *.test.ts under core/, plugins/, bench/, scripts/ and lab-ui/ with Node's test runner through tsx.
// (Node 20's --test does not expand globs itself.) Extra arguments are passed to node --test, e.g.
// `npm test -- --test-name-pattern=keys`; file paths among them narrow the run to those files.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOTS = ['core', 'plugins', 'bench', 'scripts', 'lab-ui'];
const SKIP = new Set(['node_modules', '.build', 'data', 'results', 'dist']);

function walk(dir, out) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const n of names.sort()) {
    if (SKIP.has(n)) continue;
    const p = join(dir, n);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (n.endsWith('.test.ts')) out.push(relative('.', p));
  }
  return out;
}

const args = process.argv.slice(2);
const named = args.filter((a) => a.endsWith('.test.ts'));
const flags = args.filter((a) => !a.endsWith('.test.ts'));
const files = named.length > 0 ? named : ROOTS.flatMap((r) => walk(r, []));
// A test file whose set-up failed half-way may leave a listener open: exit once its tests are done rather than
// hang CI (--test-force-exit), and fail a test that hangs (--test-timeout, 10 minutes) instead of waiting forever.
const guards = ['--test-force-exit', '--test-timeout=600000'];
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...guards, ...flags, ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
