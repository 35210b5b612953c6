// TEST SUPPORT ONLY, for the crash tests' child processes: print the numbers of durable writes on stdout, one
// write per turn of the event loop (the parent SIGKILLs the child and checks every printed number survived).

/** Returns `ack(n)`: call it only once write `n` is durable; numbers are printed together at the end of the turn. */
export function durableAcks(): (n: number) => void {
  let acked: number[] = [];
  const print = (): void => {
    process.stdout.write(acked.join('\n') + '\n'); // synchronous for pipes on Linux
    acked = [];
  };
  return (n) => {
    if (acked.length === 0) setImmediate(print);
    acked.push(n);
  };
}
