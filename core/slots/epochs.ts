// Epoch-based reclamation for live swaps: work (a request, a background task) runs inside an epoch; an old
// implementation is disposed only once every piece of work that started before its swap has finished.
// Leaf module.

export class Epochs {
  #current = 0;
  /** epoch → number of unfinished pieces of work that entered in it (absent = 0). */
  #active = new Map<number, number>();
  #waiters: Array<{ epoch: number; resolve: () => void }> = [];

  get current(): number {
    return this.#current;
  }

  /** Marks the start of a piece of work; pass the result to `exit` exactly once. */
  enter(): number {
    const e = this.#current;
    this.#active.set(e, (this.#active.get(e) ?? 0) + 1);
    return e;
  }

  exit(epoch: number): void {
    const n = (this.#active.get(epoch) ?? 0) - 1;
    if (n < 0) throw new Error(`Epochs.exit(${epoch}) without a matching enter`);
    if (n === 0) {
      this.#active.delete(epoch);
      this.#wake();
    } else this.#active.set(epoch, n);
  }

  /** Starts a new epoch; returns the one that just ended. */
  advance(): number {
    return this.#current++;
  }

  /** How many pieces of work are running, in all epochs. */
  get inFlight(): number {
    let n = 0;
    for (const v of this.#active.values()) n += v;
    return n;
  }

  /** Resolves once no work that entered in `epoch` or earlier is still running. */
  drained(epoch: number): Promise<void> {
    if (this.#isDrained(epoch)) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ epoch, resolve }));
  }

  #isDrained(epoch: number): boolean {
    for (const e of this.#active.keys()) if (e <= epoch) return false;
    return true;
  }

  #wake(): void {
    if (this.#waiters.length === 0) return;
    const still: Array<{ epoch: number; resolve: () => void }> = [];
    for (const w of this.#waiters) (this.#isDrained(w.epoch) ? w.resolve() : still.push(w));
    this.#waiters = still;
  }
}
