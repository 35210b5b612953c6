// Growable Int32Array helper for the arena store's columns (grow by 1.5×, copy once per growth).

/** `a` if it holds `need` elements, else a copy at least 1.5× as long (new elements 0). */
export function growInt32(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  let cap = Math.max(a.length, 16);
  while (cap < need) cap = Math.ceil(cap * 1.5);
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}
