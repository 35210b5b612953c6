// Postinstall: make uWebSockets.js v20.56.0's Linux binaries load on glibc < 2.38 (Debian 12 has 2.36).
//
// The binaries import exactly three C23 symbols, `__isoc23_strtol`, `__isoc23_strtoul` and `__isoc23_sscanf`
// (versioned GLIBC_2.38), which a C23 toolchain emits for the C17 functions. Their C17 twins are `strtol`,
// `strtoul` and `__isoc99_sscanf`; the only behavioural difference is that the C23 ones also accept a `0b`
// binary prefix, which uWS never parses. This script edits the ELF dynamic tables in place:
//   1. each of those .dynsym entries is renamed to its twin (`st_name` moved 9 bytes into "__isoc23_strtol" gives
//      "strtol"; "__isoc23_sscanf" is rewritten to "__isoc99_sscanf", same length),
//   2. its .gnu.version entry becomes 1 (unversioned), so ld.so binds glibc's default version of the twin,
//   3. the now unused GLIBC_2.38 requirement in .gnu.version_r is repointed at GLIBC_2.2.5, which every x86-64 and
//      glibc has (for aarch64, GLIBC_2.17), so ld.so does not refuse to load the file.
// It refuses (and leaves the file untouched) if anything else needs GLIBC_2.38. It is a no-op on glibc >= 2.38,
// on other platforms, and on already patched files; the result is the same bytes on every run.
import { readFileSync, writeFileSync, renameSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const TWINS = new Map([
  ['__isoc23_strtol', { skip: 9 }],
  ['__isoc23_strtoul', { skip: 9 }],
  ['__isoc23_sscanf', { rewrite: '__isoc99_sscanf' }],
]);
const NEEDED = 'GLIBC_2.38';
const SHT_DYNSYM = 11, SHT_GNU_VERSYM = 0x6fffffff, SHT_GNU_VERNEED = 0x6ffffffe;

function glibcAtLeast(version, major, minor) {
  const [a = 0, b = 0] = String(version).split('.').map(Number);
  return a > major || (a === major && b >= minor);
}

function elfHash(name) {
  let h = 0;
  for (const c of Buffer.from(name)) {
    h = ((h << 4) + c) >>> 0;
    const g = h & 0xf0000000;
    if (g) h ^= g >>> 24;
    h &= ~g >>> 0;
  }
  return h >>> 0;
}

const cstr = (buf, off) => buf.toString('latin1', off, buf.indexOf(0, off));

/** Patches one ELF64 little-endian file; returns a short description of what it did. */
export function patchElf(file, baseVersion) {
  const b = readFileSync(file);
  if (b.readUInt32BE(0) !== 0x7f454c46 || b[4] !== 2 || b[5] !== 1) return 'not an ELF64 LE file, skipped';
  const shoff = Number(b.readBigUInt64LE(0x28)), shentsize = b.readUInt16LE(0x3a), shnum = b.readUInt16LE(0x3c);
  const sections = [];
  for (let i = 0; i < shnum; i++) {
    const o = shoff + i * shentsize;
    sections.push({ type: b.readUInt32LE(o + 4), offset: Number(b.readBigUInt64LE(o + 0x18)),
      size: Number(b.readBigUInt64LE(o + 0x20)), link: b.readUInt32LE(o + 0x28), entsize: Number(b.readBigUInt64LE(o + 0x38)) });
  }
  const dynsym = sections.find((s) => s.type === SHT_DYNSYM);
  const versym = sections.find((s) => s.type === SHT_GNU_VERSYM);
  const verneed = sections.find((s) => s.type === SHT_GNU_VERNEED);
  if (!dynsym || !versym || !verneed) return 'no dynamic symbol versioning, skipped';
  const dynstr = sections[dynsym.link].offset;

  // Find the vernaux entry for GLIBC_2.38 and the string offset of the base version.
  let neededAux = -1, neededIndex = -1;
  for (let vn = verneed.offset; ; ) {
    const cnt = b.readUInt16LE(vn + 2), auxOff = b.readUInt32LE(vn + 8), next = b.readUInt32LE(vn + 12);
    for (let i = 0, a = vn + auxOff; i < cnt; i++) {
      if (cstr(b, dynstr + b.readUInt32LE(a + 8)) === NEEDED) { neededAux = a; neededIndex = b.readUInt16LE(a + 6); }
      const anext = b.readUInt32LE(a + 12);
      if (!anext) break;
      a += anext;
    }
    if (!next) break;
    vn += next;
  }
  if (neededAux < 0) return `no ${NEEDED} requirement (already patched or not needed)`;
  const baseBytes = Buffer.from(baseVersion + '\0', 'latin1');
  const basePos = b.indexOf(baseBytes, dynstr);
  if (basePos < 0) throw new Error(`${file}: no "${baseVersion}" string to repoint ${NEEDED} at`);

  const count = dynsym.size / dynsym.entsize, renamed = [];
  for (let i = 0; i < count; i++) {
    const o = dynsym.offset + i * dynsym.entsize;
    if (b.readUInt16LE(versym.offset + i * 2) !== neededIndex) continue;
    const name = cstr(b, dynstr + b.readUInt32LE(o));
    const twin = TWINS.get(name);
    if (!twin) throw new Error(`${file}: symbol ${name} also needs ${NEEDED}; refusing to patch`);
    if (twin.skip) b.writeUInt32LE(b.readUInt32LE(o) + twin.skip, o);
    else b.write(twin.rewrite, dynstr + b.readUInt32LE(o), 'latin1');
    b.writeUInt16LE(1, versym.offset + i * 2);
    renamed.push(name);
  }
  b.writeUInt32LE(elfHash(baseVersion), neededAux); // vna_hash
  b.writeUInt16LE(0, neededAux + 4); // vna_flags
  b.writeUInt32LE(basePos - dynstr, neededAux + 8); // vna_name
  const tmp = file + '.patching';
  writeFileSync(tmp, b);
  renameSync(tmp, file);
  return `rebound ${renamed.join(', ')} to their C17 twins; ${NEEDED} requirement now ${baseVersion}`;
}

function main() {
  const glibc = process.report?.getReport()?.header?.glibcVersionRuntime;
  if (process.platform !== 'linux' || !glibc) return console.log('patch-uws-glibc: not glibc Linux, nothing to do');
  if (glibcAtLeast(glibc, 2, 38)) return console.log(`patch-uws-glibc: glibc ${glibc} >= 2.38, nothing to do`);
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'uWebSockets.js');
  if (!existsSync(root)) return console.log('patch-uws-glibc: uWebSockets.js not installed, nothing to do');
  const arch = process.arch, base = arch === 'arm64' ? 'GLIBC_2.17' : 'GLIBC_2.2.5';
  for (const f of readdirSync(root).filter((n) => n.startsWith(`uws_linux_${arch}_`) && n.endsWith('.node')).sort()) {
    console.log(`patch-uws-glibc: ${f}: ${patchElf(join(root, f), base)}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
