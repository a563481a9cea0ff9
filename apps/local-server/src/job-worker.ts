import { setTimeout as sleep } from 'node:timers/promises';

/** Runs one claimed job per call; false when nothing was due. The domain's JobRunner fits. */
export interface NextJobRunner {
  runNext(): Promise<boolean>;
}

export interface JobWorkerOptions {
  /** How long to wait before polling again when the queue was empty. */
  pollMs: number;
  /** How long `stop()` waits for a running job before giving up on it (it is requeued at next start). */
  stopTimeoutMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * The local server's background loop: drains due jobs, then polls. One job at a time: embedding
 * already uses a worker thread, and the 2-core target machine gains nothing from more.
 */
export class JobWorker {
  readonly #runner: NextJobRunner;
  readonly #options: JobWorkerOptions;
  #stopping = new AbortController();
  #loop: Promise<void> | undefined;

  constructor(runner: NextJobRunner, options: JobWorkerOptions) {
    this.#runner = runner;
    this.#options = options;
  }

  /** Starts the loop; calling it twice has no effect. */
  start(): void {
    this.#loop ??= this.#run();
  }

  /** Lets the current job finish (up to the timeout), then ends the loop. */
  async stop(): Promise<void> {
    this.#stopping.abort();
    if (!this.#loop) return;
    const timeout = sleep(this.#options.stopTimeoutMs ?? 10_000, undefined, { ref: false });
    await Promise.race([this.#loop, timeout]);
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
