/**
 * A running operation seen two ways: awaited for its result, or iterated for its events as they
 * come (then ending with the result's own event, or throwing its error). Every iterator replays
 * the events from the first, so iterating late or twice misses nothing; the log is small (one
 * event per stage or per streamed text piece of one call).
 */
export class EventLog<E, R> implements PromiseLike<R>, AsyncIterable<E> {
  readonly #events: E[] = [];
  readonly #result: Promise<R>;
  #settled = false;
  #wake: () => void = () => {};
  #changed: Promise<void>;

  constructor(run: (emit: (event: E) => void) => Promise<R>) {
    this.#changed = this.#nextChange();
    this.#result = run((event) => this.#push(event)).finally(() => {
      this.#settled = true;
      this.#wake();
    });
    // A caller that only iterates gets the error from the iterator: not an unhandled rejection too.
    this.#result.catch(() => {});
  }

  // biome-ignore lint/suspicious/noThenProperty: awaiting the operation is the point of a PromiseLike
  then<A = R, B = never>(
    onFulfilled?: ((value: R) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#result.then(onFulfilled, onRejected);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<E> {
    let next = 0;
    while (true) {
      const changed = this.#changed;
      while (next < this.#events.length) yield this.#events[next++] as E;
      if (this.#settled) break;
      await changed;
    }
    await this.#result;
  }

  #push(event: E): void {
    if (this.#settled) return;
    this.#events.push(event);
    this.#wake();
  }

  #nextChange(): Promise<void> {
    return new Promise((resolve) => {
      this.#wake = () => {
        this.#changed = this.#nextChange();
        resolve();
      };
    });
  }
}
