import {
  type AnswerDraft,
  type Answerer,
  type AnswerOptions,
  type AnswerRequest,
  ExtractiveAnswerer,
} from '@docent/domain';

/**
 * A slow stand-in answerer: every answer waits until the test calls `release`, then answers as the
 * extractive answerer does. Lets a test hold asks in flight, e.g. to fill an admission queue.
 */
export class HeldAnswerer implements Answerer {
  readonly id = 'held-extractive';
  readonly #inner = new ExtractiveAnswerer();
  readonly #held: Array<() => void> = [];

  /** Answers waiting for `release`. */
  get waiting(): number {
    return this.#held.length;
  }

  async answer(request: AnswerRequest, options: AnswerOptions = {}): Promise<AnswerDraft> {
    await new Promise<void>((resolve, reject) => {
      this.#held.push(resolve);
      options.signal?.addEventListener('abort', () => reject(options.signal?.reason), { once: true });
    });
    return this.#inner.answer(request, options);
  }

  /** Lets every held answer finish. */
  release(): void {
    for (const resolve of this.#held.splice(0)) resolve();
  }
}
