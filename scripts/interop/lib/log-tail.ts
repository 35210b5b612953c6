// The last lines of a log file, for printing when a test fails.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Reads at most the last `maxBytes` of the file, returns its last `lines` lines ('' if the file is missing). */
export function tailFile(path: string, lines: number, maxBytes = 256 * 1024): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return '';
  }
  try {
    const size = fstatSync(fd).size;
    const len = Math.min(size, maxBytes);
    const buf = Buffer.alloc(len);
    readSync(fd, buf, 0, len, size - len);
    const all = buf.toString('utf8').split('\n');
    if (all.at(-1) === '') all.pop();
    return all.slice(-lines).join('\n');
  } finally {
    closeSync(fd);
  }
}

/** A framed block for stderr: `----- title -----`, the text, an end line. */
export function framed(title: string, text: string): string {
  return `\n----- ${title} -----\n${text === '' ? '(empty)' : text}\n----- end of ${title} -----\n`;
}
