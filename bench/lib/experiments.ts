// Reads experiments/<name>.json (resolving `extends`) to learn an experiment's slot selection, without the
// full validation core/slots/experiments.ts does at server start (the server reports those errors itself).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Raw { extends?: string; slots?: Record<string, string> }

export function experimentNames(root: string): string[] {
  return readdirSync(join(root, 'experiments')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
}

/** Slot → implementation of `name`, through its `extends` chain; throws for an unknown name or a cycle. */
export function experimentSlots(root: string, name: string, seen: string[] = []): Record<string, string> {
  const file = join(root, 'experiments', `${name}.json`);
  if (!existsSync(file)) throw new Error(`no experiment "${name}" (known: ${experimentNames(root).join(', ')})`);
  if (seen.includes(name)) throw new Error(`experiment "extends" cycle: ${[...seen, name].join(' → ')}`);
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Raw;
  const base = raw.extends ? experimentSlots(root, raw.extends, [...seen, name]) : {};
  return { ...base, ...(raw.slots ?? {}) };
}
