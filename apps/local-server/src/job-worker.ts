import { setTimeout as sleep } from 'node:timers/promises';

/** Runs one claimed job per call; false when nothing was due. The domain's JobRunner fits. */
export interface NextJobRunner {
  runNext(): Promise<boolean>;
}

export interface JobWorkerOptions {
  /** How long a loop waits before polling again when the queue was empty. */
  pollMs: number;
  /** How many jobs run at once, each in its own claim/run loop (default 1). */
  concurrency?: number;
  /** How long `stop()` waits for running jobs before giving up on them (they are requeued at next start). */
  stopTimeoutMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * The local server's background loops: each drains due jobs, then polls. Several loops let a small
 * document of one user finish while another user's big one is still embedding; the queue decides
 * fairly which job each loop gets next, and the embedder interleaves their batches.
 */
export class JobWorker {
  readonly #runner: NextJobRunner;
  readonly #options: JobWorkerOptions;
  readonly #concurrency: number;
  #stopping = new AbortController();
  #loops: Promise<void>[] | undefined;

  constructor(runner: NextJobRunner, options: JobWorkerOptions) {
    this.#runner = runner;
    this.#options = options;
    this.#concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  }

  /** Starts the loops; calling it twice has no effect. */
  start(): void {
    this.#loops ??= Array.from({ length: this.#concurrency }, () => this.#run());
  }

  /** Lets the running jobs finish (up to the timeout), then ends the loops. */
  async stop(): Promise<void> {
    this.#stopping.abort();
    if (!this.#loops) return;
    const timeout = sleep(this.#options.stopTimeoutMs ?? 10_000, undefined, { ref: false });
    await Promise.race([Promise.all(this.#loops), timeout]);
  }

  async #run(): Promise<void> {
    const signal = this.#stopping.signal;
    while (!signal.aborted) {
      let worked = false;
      try {
        worked = await this.#runner.runNext();
      } catch (error) {
        // A runner error is a bug or a store outage: report it and keep polling, slower.
        this.#options.onError?.(error);
      }
      if (!worked && !signal.aborted) {
        await sleep(this.#options.pollMs, undefined, { signal }).catch(() => undefined);
      }
    }
  }
}
