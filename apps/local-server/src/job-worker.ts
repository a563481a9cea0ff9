import { setTimeout as sleep } from 'node:timers/promises';

/** Runs one claimed job per call, of one of `names` when given; false when nothing was due. The domain's JobRunner fits. */
export interface NextJobRunner {
  runNext(options?: { names?: readonly string[] }): Promise<boolean>;
}

/** Loops that claim only some jobs: a long job of one lane never holds a loop of another. */
export interface JobLane {
  /** The job names its loops claim (default: any). */
  names?: readonly string[];
  /** How many of its jobs run at once, each in its own claim/run loop. */
  concurrency: number;
}

export interface JobWorkerOptions {
  /** How long a loop waits before polling again when the queue was empty. */
  pollMs: number;
  /** Loops per lane of job names (default: one loop that claims any job). */
  lanes?: readonly JobLane[];
  /** How long `stop()` waits for running jobs before giving up on them (they are requeued at next start). */
  stopTimeoutMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * The local server's background loops: each drains due jobs of its lane, then polls. Several loops
 * let a small document of one user finish while another user's big one is still embedding; lanes
 * keep the fast processing stages from waiting behind embedding; the queue decides fairly which
 * job each loop gets next, and the embedder interleaves their batches.
 */
export class JobWorker {
  readonly #runner: NextJobRunner;
  readonly #options: JobWorkerOptions;
  readonly #lanes: readonly JobLane[];
  #stopping = new AbortController();
  #loops: Promise<void>[] | undefined;

  constructor(runner: NextJobRunner, options: JobWorkerOptions) {
    this.#runner = runner;
    this.#options = options;
    this.#lanes = options.lanes ?? [{ concurrency: 1 }];
  }

  /** Starts the loops; calling it twice has no effect. */
  start(): void {
    this.#loops ??= this.#lanes.flatMap((lane) =>
      Array.from({ length: Math.max(1, Math.floor(lane.concurrency)) }, () => this.#run(lane.names)),
    );
  }

  /** Lets the running jobs finish (up to the timeout), then ends the loops. */
  async stop(): Promise<void> {
    this.#stopping.abort();
    if (!this.#loops) return;
    const timeout = sleep(this.#options.stopTimeoutMs ?? 10_000, undefined, { ref: false });
    await Promise.race([Promise.all(this.#loops), timeout]);
  }

  async #run(names: readonly string[] | undefined): Promise<void> {
    const signal = this.#stopping.signal;
    while (!signal.aborted) {
      let worked = false;
      try {
        worked = await this.#runner.runNext(names === undefined ? {} : { names });
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
