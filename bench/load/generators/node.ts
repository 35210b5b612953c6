// Runs the Node load generator (node-load.ts) in a child process, pinned like wrk would be.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pinned } from '../../lib/proc.ts';
import { GeneratorError, type LoadGenerator, type LoadSample, type LoadSpec } from './generator.ts';

const PROGRAM = fileURLToPath(new URL('./node-load.ts', import.meta.url));

export function nodeGenerator(): LoadGenerator {
  return {
    name: 'node',
    version: `node ${process.versions.node} + undici Pool + hdr-histogram-js (bench/load/generators/node-load.ts)`,
    unsupported: () => null,
    run(spec: LoadSpec): Promise<LoadSample> {
      const [cmd, argv] = pinned(spec.cpus, process.execPath, ['--import', 'tsx', PROGRAM, JSON.stringify(spec)]);
      return new Promise<LoadSample>((resolve, reject) => {
        execFile(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 20, timeout: (spec.durationS + 60) * 1000 }, (err, stdout, stderr) => {
          if (err) return reject(new GeneratorError(`node generator failed: ${err.message}\n${stderr}`.trim()));
          try {
            resolve(JSON.parse(stdout.trim().split('\n').pop()!) as LoadSample);
          } catch {
            reject(new GeneratorError(`node generator printed no result:\n${stdout}${stderr}`.slice(0, 2000)));
          }
        });
      });
    },
  };
}
