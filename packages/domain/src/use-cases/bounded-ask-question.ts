import type { Answer } from '../entities/query.ts';
import type { Principal } from '../entities/user.ts';
import { DocentError } from '../errors.ts';
import type { AskCallOptions, AskQuestionInput, AskQuestionUseCase } from './contracts.ts';

/** How many asks run at once and how many may wait for a turn. */
export interface AskAdmissionOptions {
  /** Asks handed to the inner use case at once. */
  maxRunning: number;
  /** Asks waiting for a turn; one more is refused with `overloaded` (0: refuse whenever all run). */
  maxQueue: number;
  /** The `retry-after` hint of a refusal, in seconds (default 1). */
  retryAfterSeconds?: number;
  /**
   * Milliseconds a refusal waits before it is answered (default 0). A client that retries at once,
   * ignoring `retry-after`, then sends at most one ask per connection per delay, instead of a flood
   * of refusals that costs the server more than the asks it sheds.
   */
  refusalDelayMs?: number;
}

/**
 * Admission control in front of any ask (in-process or a worker pool): at most `maxRunning` run,
 * up to `maxQueue` more wait in arrival order, and beyond that an ask fails at once with the
 * retryable `overloaded` instead of waiting behind everyone else; a client gets a prompt answer it
 * can act on rather than a latency that grows with the crowd. A waiting ask whose signal aborts
 * (the client left) gives up its place without running.
 */
export class BoundedAskQuestion implements AskQuestionUseCase {
  readonly #inner: AskQuestionUseCase;
  readonly #options: Required<AskAdmissionOptions>;
  readonly #waiting: Array<() => void> = [];
  #running = 0;

  /** @throws DocentError `validation_failed` when a limit is not a whole number (`maxRunning` >= 1). */
  constructor(inner: AskQuestionUseCase, options: AskAdmissionOptions) {
    const { maxRunning, maxQueue, retryAfterSeconds = 1, refusalDelayMs = 0 } = options;
    const whole = (value: number, least: number) => Number.isSafeInteger(value) && value >= least;
    if (!whole(maxRunning, 1) || !whole(maxQueue, 0) || !whole(refusalDelayMs, 0)) {
      throw new DocentError(
        'validation_failed',
        `Ask limits must be whole numbers, got ${maxRunning} / ${maxQueue} / ${refusalDelayMs} ms`,
      );
    }
    this.#inner = inner;
    this.#options = { maxRunning, maxQueue, retryAfterSeconds, refusalDelayMs };
  }

  /** Asks running and waiting now (for metrics and tests). */
  get load(): { running: number; waiting: number } {
    return { running: this.#running, waiting: this.#waiting.length };
  }

  /** Throws `overloaded` (retryable, `details.retryAfterSeconds`) when the queue is full; else as the inner ask. */
  async execute(principal: Principal, input: AskQuestionInput, options: AskCallOptions = {}): Promise<Answer> {
    await this.#admit(options.signal);
    try {
      return await this.#inner.execute(principal, input, options);
    } finally {
      // The finished ask's turn passes straight to the longest waiting one, so `#running` holds.
      const next = this.#waiting.shift();
      if (next === undefined) this.#running--;
      else next();
    }
  }

  async #admit(signal: AbortSignal | undefined): Promise<void> {
    signal?.throwIfAborted();
    if (this.#running < this.#options.maxRunning) {
      this.#running++;
      return;
    }
    if (this.#waiting.length >= this.#options.maxQueue) {
      const { retryAfterSeconds, refusalDelayMs } = this.#options;
      if (refusalDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, refusalDelayMs));
      throw new DocentError('overloaded', 'Too many questions are being answered; try again shortly', {
        retryable: true,
        details: { retryAfterSeconds },
      });
    }
    await new Promise<void>((resolve, reject) => {
      const turn = () => {
        signal?.removeEventListener('abort', leave);
        resolve();
      };
      const leave = () => {
        this.#waiting.splice(this.#waiting.indexOf(turn), 1);
        reject(signal?.reason);
      };
      this.#waiting.push(turn);
      signal?.addEventListener('abort', leave, { once: true });
    });
  }
}
