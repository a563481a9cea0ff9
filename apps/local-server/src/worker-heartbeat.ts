import type { ReadinessProbe } from '@docent/http-api';
import type { NextJobRunner } from './job-worker.ts';

/**
 * The job worker's pulse, taken from the outside: `wrap` gives the worker a runner that notes
 * each call. An idle worker calls every poll interval; a busy one is inside a call (however long
 * its document takes). So the worker is alive while a call runs or the last one ended recently,
 * and `probe` fails once it stopped calling (stopped, or its loop died).
 */
export class WorkerHeartbeat {
  readonly #now: () => number;
  #lastBeat: number | undefined;
  #running = 0;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  /** The runner to give the worker: `runner` itself, with each call noted. */
  wrap(runner: NextJobRunner): NextJobRunner {
    return {
      runNext: async (options) => {
        this.#lastBeat = this.#now();
        this.#running++;
        try {
          return await runner.runNext(options);
        } finally {
          this.#running--;
          this.#lastBeat = this.#now();
        }
      },
    };
  }

  /** The `worker` readiness check: fails when no call ran within `stallMs`. */
  probe(stallMs: number): ReadinessProbe {
    return {
      name: 'worker',
      check: async () => {
        if (this.#running > 0) return;
        if (this.#lastBeat === undefined) throw new Error('the job worker has not started');
        const silentMs = this.#now() - this.#lastBeat;
        if (silentMs > stallMs) throw new Error(`the job worker has not polled for ${Math.round(silentMs / 1000)} s`);
      },
    };
  }
}
