// Picks the load generator: wrk when installed (auto), or the Node generator; --generator forces one.
import type { GeneratorChoice } from '../../lib/args.ts';
import { GeneratorError, type LoadGenerator } from './generator.ts';
import { nodeGenerator } from './node.ts';
import { wrkGenerator, wrkVersion } from './wrk.ts';

export function chooseGenerator(choice: GeneratorChoice): LoadGenerator {
  if (choice === 'node') return nodeGenerator();
  const v = wrkVersion();
  if (v !== null) return wrkGenerator(v);
  if (choice === 'wrk') throw new GeneratorError('--generator wrk: wrk is not installed (apt-get install -y wrk)');
  return nodeGenerator();
}
