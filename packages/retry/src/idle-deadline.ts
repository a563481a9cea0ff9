/**
 * A timeout that can be pushed back: its `signal` aborts `ms` after construction or after the last
 * {@link IdleDeadline.restart}. Restarted on every received piece, it bounds the silence between pieces of a
 * stream rather than the whole stream, so a long answer that keeps flowing is never cut.
 */
export class IdleDeadline {
  readonly #controller = new AbortController();
  readonly #ms: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #cleared = false;

  constructor(ms: number) {
    this.#ms = ms;
    this.restart();
  }

  /** Aborts (with a `TimeoutError` DOMException) once the deadline passes. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Whether the deadline passed. */
  get expired(): boolean {
    return this.#controller.signal.aborted;
  }

  /** Gives another `ms` from now; does nothing once expired or cleared. */
  restart(): void {
    clearTimeout(this.#timer);
    if (this.expired || this.#cleared) return;
    this.#timer = setTimeout(() => {
      this.#controller.abort(new DOMException(`No progress within ${this.#ms} ms`, 'TimeoutError'));
    }, this.#ms);
  }

  /** Stops the countdown for good once the work is over, so no stray timer keeps running. */
  clear(): void {
    this.#cleared = true;
    clearTimeout(this.#timer);
  }
}
