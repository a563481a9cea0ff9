/** How many requests a gate lets through at once, and how many may wait for a turn. */
export interface AdmissionLimits {
  /** Requests running at once. */
  concurrent: number;
  /** Requests waiting, first come first served; beyond this a request is refused at once. */
  queued: number;
}

/**
 * A counting semaphore with a bounded line. Asking is CPU-bound on the server's one event loop:
 * letting every ask in at once slows every other request (lists, uploads) down with it, while
 * running a few at a time and queueing the rest keeps the loop free between them.
 */
export class AdmissionGate {
  readonly #limits: AdmissionLimits;
  readonly #waiting: Array<() => void> = [];
  #running = 0;

  constructor(limits: AdmissionLimits) {
    this.#limits = { concurrent: Math.max(1, limits.concurrent), queued: Math.max(0, limits.queued) };
  }

  /** Requests running and waiting now. */
  get load(): { running: number; waiting: number } {
    return { running: this.#running, waiting: this.#waiting.length };
  }

  /**
   * Waits for a turn and resolves with its release (idempotent); null at once when the line is
   * full, so the caller can refuse the request.
   */
  enter(): Promise<() => void> | null {
    if (this.#running < this.#limits.concurrent) {
      this.#running++;
      return Promise.resolve(this.#release());
    }
    if (this.#waiting.length >= this.#limits.queued) return null;
    return new Promise((resolve) => this.#waiting.push(() => resolve(this.#release())));
  }

  #release(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      // The turn passes straight to the next in line, so `running` never dips and lets a newcomer jump it.
      if (next === undefined) this.#running--;
      else next();
    };
  }
}
