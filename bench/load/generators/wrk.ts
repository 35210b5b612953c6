// The wrk load generator (a C program, far faster than any Node client): one thread per generator core.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuList, pinned } from '../../lib/proc.ts';
import { GeneratorError, type LoadGenerator, type LoadSample, type LoadSpec } from './generator.ts';
import { wrkSample } from './wrk-parse.ts';
import { wrkScript } from './wrk-script.ts';

/** `wrk -v` first line without the copyright (e.g. "wrk debian/4.1.0-3+b2 [epoll]"), or null when wrk is not installed. */
export function wrkVersion(): string | null {
  try {
    // wrk -v prints its banner and exits with status 1.
    return banner(execFileSync('wrk', ['-v'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  } catch (e) {
    return banner(String((e as { stdout?: unknown }).stdout ?? ''));
  }
}

function banner(out: string): string | null {
  return /^wrk /.test(out) ? out.split('\n')[0]!.replace(/\s*Copyright.*$/, '').trim() : null;
}


export function wrkGenerator(version: string): LoadGenerator {
  return {
    name: 'wrk',
    version,
    unsupported: (spec) => (spec.rate !== undefined ? 'wrk has no fixed-rate mode (wrk2 does); use the node generator' : null),
    run(spec: LoadSpec): Promise<LoadSample> {
      const dir = mkdtempSync(join(tmpdir(), 'fl-wrk-'));
      const script = join(dir, 'bench.lua');
      writeFileSync(script, wrkScript(spec.requests));
      const threads = Math.min(spec.cpus === null ? 1 : cpuList(spec.cpus).length, spec.connections);
      // wrk durations are whole seconds. The timeout is long so slow answers count as latency, not as errors.
      const args = ['-t', String(threads), '-c', String(spec.connections), '-d', `${Math.max(1, Math.round(spec.durationS))}s`,
        '--latency', '--timeout', '10s', '-s', script, spec.origin + spec.requests[0]!.path];
      const [cmd, argv] = pinned(spec.cpus, 'wrk', args);
      return new Promise<LoadSample>((resolve, reject) => {
        execFile(cmd, argv, { encoding: 'utf8', maxBuffer: 4 << 20, timeout: (spec.durationS + 60) * 1000 }, (err, stdout, stderr) => {
          rmSync(dir, { recursive: true, force: true });
          if (err) return reject(new GeneratorError(`wrk failed: ${err.message}\n${stderr}${stdout}`.trim()));
          try {
            resolve(wrkSample(stdout));
          } catch (e) {
            reject(e);
          }
        });
      });
    },
  };
}
