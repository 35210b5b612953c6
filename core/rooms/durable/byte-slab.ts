// Copies replayed event bytes into large shared slabs instead of one allocation per event.
//
// Replay hands out records as views into a reused read buffer, so a store that keeps the bytes it is given
// needs its own copy. One ArrayBuffer per event would cost ~100 bytes of overhead each and a million small
// allocations; a slab costs one allocation per SLAB_BYTES. What that trades away: one live event keeps its
// whole slab alive (a redaction replacing most events of a slab would leave the rest of it unused).
import type { CopyOut } from './byte-reader.ts';

const SLAB_BYTES = 1024 * 1024;
/** Larger byte strings get an allocation of their own. */
const OWN_ALLOCATION = 64 * 1024;

export function slabCopier(): CopyOut {
  let slab = new Uint8Array(0);
  let used = 0;
  return (src, start, end) => {
    const n = end - start;
    if (n > OWN_ALLOCATION) {
      const own = new Uint8Array(n); // (Buffer#slice would not copy)
      src.copy(own, 0, start, end);
      return own;
    }
    if (used + n > slab.length) {
      slab = new Uint8Array(SLAB_BYTES);
      used = 0;
    }
    src.copy(slab, used, start, end);
    const out = slab.subarray(used, used + n);
    used += n;
    return out;
  };
}
