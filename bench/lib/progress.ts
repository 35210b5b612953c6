// The live progress line on stderr: elapsed / remaining, current scenario and step, last rate.
// On a TTY one line is redrawn in place (\r + erase-line) twice a second; otherwise each new step is one
// plain line, so CI logs stay readable. log() prints a permanent line above the live one.

export interface ProgressSink {
  write(s: string): void;
  readonly isTTY?: boolean;
}

function clock(s: number): string {
  const t = Math.max(0, Math.round(s));
  const m = Math.floor(t / 60);
  return `${m}:${String(t % 60).padStart(2, '0')}`;
}

export class Progress {
  readonly #out: ProgressSink;
  readonly #tty: boolean;
  readonly #t0 = performance.now();
  #plannedS = 0;
  /** Seconds planned for scenarios already finished, and when the current one started. */
  #doneS = 0;
  #scenarioS = 0;
  #scenarioT0 = performance.now();
  #scenario = '';
  #step = '';
  #rate = '';
  #timer: NodeJS.Timeout | undefined;
  #shown = false;

  constructor(out: ProgressSink = process.stderr) {
    this.#out = out;
    this.#tty = out.isTTY === true && process.env.TERM !== 'dumb';
  }

  /** The estimated total (seconds) of everything that will run. */
  plan(totalS: number): void {
    this.#plannedS = totalS;
    if (this.#tty && !this.#timer) this.#timer = setInterval(() => this.#draw(), 500).unref();
  }

  scenario(name: string, estimateS: number): void {
    this.#doneS += this.#scenarioS;
    this.#scenarioS = estimateS;
    this.#scenarioT0 = performance.now();
    this.#scenario = name;
    this.#step = '';
    this.#rate = '';
    this.#changed();
  }

  step(text: string): void {
    this.#step = text;
    this.#changed();
  }

  rate(text: string): void {
    this.#rate = text;
    if (this.#tty) this.#draw();
  }

  log(line: string): void {
    this.#clear();
    this.#out.write(line + '\n');
    if (this.#tty) this.#draw();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#clear();
  }

  /** Remaining = the rest of the plan, counting the current scenario's estimate down (never below 0). */
  line(): string {
    const elapsed = (performance.now() - this.#t0) / 1000;
    const inScenario = (performance.now() - this.#scenarioT0) / 1000;
    const remaining = Math.max(0, this.#plannedS - this.#doneS - Math.min(inScenario, this.#scenarioS));
    const parts = [`[${clock(elapsed)} elapsed, ~${clock(remaining)} left]`, this.#scenario];
    if (this.#step) parts.push(this.#step);
    if (this.#rate) parts.push(`last: ${this.#rate}`);
    return parts.filter(Boolean).join(' · ');
  }

  #changed(): void {
    if (this.#tty) this.#draw();
    else this.#out.write(this.line() + '\n');
  }

  #draw(): void {
    const cols = (process.stderr.columns ?? 120) - 1;
    this.#out.write(`\r\x1b[K${this.line().slice(0, cols)}`);
    this.#shown = true;
  }

  #clear(): void {
    if (this.#tty && this.#shown) this.#out.write('\r\x1b[K');
    this.#shown = false;
  }
}
