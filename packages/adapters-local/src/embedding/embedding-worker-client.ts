import { Worker } from 'node:worker_threads';
import { DocentError } from '@docent/domain';
import type { EmbedRequest, EmbedResponse } from './use-lite-protocol.ts';

/** Query batches wait for no passage batch that is still queued: a question beats a document upload. */
export type JobPriority = 'query' | 'passage';

interface Job {
  readonly request: EmbedRequest;
  readonly priority: JobPriority;
  readonly resolve: (vectors: Float32Array[]) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Runs embedding batches one at a time on a lazily started worker thread. Waiting batches queue
 * by priority, then in arrival order; the worker is restarted on the next batch after it dies.
 */
export class EmbeddingWorkerClient {
  readonly #workerUrl: URL;
  #worker: Worker | undefined;
  #inFlight: Job | undefined;
  #queue: Job[] = [];
  #nextId = 1;

  /** @param workerUrl the worker module, which answers each `EmbedRequest` with an `EmbedResponse`. */
  constructor(workerUrl: URL) {
    this.#workerUrl = workerUrl;
  }

  /**
   * Embeds one batch. An abort while the batch waits removes it from the queue; an abort while it
   * runs rejects at once and the worker's answer is dropped. Either way the rejection is `signal.reason`.
   */
  run(texts: string[], priority: JobPriority, signal?: AbortSignal): Promise<Float32Array[]> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const queued = this.#queue.indexOf(job);
        if (queued >= 0) this.#queue.splice(queued, 1);
        reject(signal?.reason);
      };
      const job: Job = {
        request: { id: this.#nextId++, texts },
        priority,
        resolve: (vectors) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(vectors);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#enqueue(job);
      this.#pump();
    });
  }

  /**
   * Terminates the worker and frees the model's memory. Batches still waiting or running reject
   * with a retryable `embedding_failed`; a later `run` starts a fresh worker.
   */
  async close(): Promise<void> {
    const worker = this.#worker;
    if (worker === undefined) return;
    this.#onWorkerGone(worker, new Error('The embedder was closed'));
    await worker.terminate();
  }

  #enqueue(job: Job): void {
    const firstPassage = this.#queue.findIndex((queued) => queued.priority === 'passage');
    if (job.priority === 'query' && firstPassage >= 0) this.#queue.splice(firstPassage, 0, job);
    else this.#queue.push(job);
  }

  #pump(): void {
    if (this.#inFlight !== undefined) return;
    const job = this.#queue.shift();
    if (job === undefined) {
      // An idle worker must not keep a CLI process alive.
      this.#worker?.unref();
      return;
    }
    let worker: Worker;
    try {
      worker = this.#ensureWorker();
    } catch (cause) {
      job.reject(new DocentError('embedding_failed', 'Cannot start the embedding worker', { cause }));
      this.#pump();
      return;
    }
    this.#inFlight = job;
    worker.ref();
    worker.postMessage(job.request);
  }

  #ensureWorker(): Worker {
    if (this.#worker !== undefined) return this.#worker;
    const worker = new Worker(this.#workerUrl);
    worker.on('message', (response: EmbedResponse) => this.#onResponse(response));
    worker.on('messageerror', (error) => this.#onWorkerGone(worker, error));
    worker.on('error', (error) => this.#onWorkerGone(worker, error));
    worker.on('exit', (code) => this.#onWorkerGone(worker, new Error(`The embedding worker exited with code ${code}`)));
    this.#worker = worker;
    return worker;
  }

  #onResponse(response: EmbedResponse): void {
    const job = this.#inFlight;
    if (job === undefined || job.request.id !== response.id) return;
    this.#inFlight = undefined;
    if (response.ok) job.resolve(response.vectors);
    else job.reject(new DocentError('embedding_failed', `Embedding failed: ${response.message}`));
    this.#pump();
  }

  /** Fails everything outstanding: the work died with the worker, and retrying starts a new one. */
  #onWorkerGone(worker: Worker, cause: unknown): void {
    if (worker !== this.#worker) return;
    this.#worker = undefined;
    const outstanding = this.#inFlight === undefined ? this.#queue : [this.#inFlight, ...this.#queue];
    this.#inFlight = undefined;
    this.#queue = [];
    void worker.terminate();
    const message = cause instanceof Error ? cause.message : String(cause);
    for (const job of outstanding) {
      job.reject(
        new DocentError('embedding_failed', `Embedding worker stopped: ${message}`, { retryable: true, cause }),
      );
    }
  }
}
