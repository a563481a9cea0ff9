import { Worker } from 'node:worker_threads';
import { DocentError } from '@docent/domain';
import { closeNativeGate, createNativeGate } from './native-gate.ts';
import type { EmbedRequest, EmbedResponse, EmbedWorkerData } from './use-lite-protocol.ts';

/** Query batches wait for no passage batch that is still queued: a question beats a document upload. */
export type JobPriority = 'query' | 'passage';

interface Job {
  readonly request: EmbedRequest;
  readonly priority: JobPriority;
  /** Runs so far; a batch whose worker died is run once more on a fresh worker before it fails. */
  attempts: number;
  readonly signal: AbortSignal | undefined;
  readonly resolve: (vectors: Float32Array[]) => void;
  readonly reject: (error: unknown) => void;
}

/** One worker thread of the pool and what it is running: one batch, or queries sent as one request. */
interface Slot {
  /** The slot's worker, absent until started and after it stops. */
  thread: Thread | undefined;
  /** Empty while the worker is idle. */
  jobs: Job[];
  /** The id of the request the worker is running. */
  requestId: number;
}

/** A started worker and the gate its native calls pass (`native-gate.ts`), closed before it is stopped. */
interface Thread {
  worker: Worker;
  gate: SharedArrayBuffer;
}

/** The pool's worker threads' name (`/proc/<pid>/task/<tid>/comm` on Linux). */
export const EMBEDDING_THREAD_NAME = 'embedding';

// A batch that killed two workers in a row is the batch's fault (or the machine's): stop retrying it.
const MAX_ATTEMPTS = 2;

/**
 * Most texts of queued query batches sent to a worker as one request. USE Lite costs ~13 ms of CPU
 * for a lone question and ~4 ms each for eight in one call (per-call graph overhead), and a text's
 * vector is the same bits alone or batched (`wasm-kernels.ts`), so waiting questions are merged.
 */
export const MAX_MERGED_QUERY_TEXTS = 16;

/**
 * Runs embedding batches on up to `size` lazily started worker threads, each with its own copy of
 * the model, one batch per worker at a time. Waiting batches queue by priority, then in arrival
 * order, and go to the first idle worker. Queries run on one worker at a time: those that arrive
 * while it is busy wait for it and go together as its next request (up to
 * {@link MAX_MERGED_QUERY_TEXTS} texts; no timer, so a lone query on an idle pool waits for nothing),
 * while the other workers take passage batches. A worker
 * that dies is replaced on its next batch; the batches it was running are retried once on the fresh
 * worker, then fail with a retryable `embedding_failed`.
 */
export class EmbeddingWorkerPool {
  /** Worker threads at most (each holds the model: ~330 MB for USE Lite). */
  readonly size: number;
  readonly #workerUrl: URL;
  readonly #slots: Slot[];
  #queue: Job[] = [];
  #nextId = 1;
  // Exiting the process stops the workers: their gates close first, in this listener.
  #exitHooked = false;
  readonly #closeGatesAtExit = (): void => {
    for (const { thread } of this.#slots) if (thread !== undefined) closeNativeGate(thread.gate);
  };

  /**
   * @param workerUrl the worker module, which answers each `EmbedRequest` with an `EmbedResponse`.
   * @param size worker threads at most (default 1).
   */
  constructor(workerUrl: URL, size = 1) {
    this.#workerUrl = workerUrl;
    this.size = size;
    this.#slots = Array.from({ length: size }, () => ({ thread: undefined, jobs: [], requestId: 0 }));
  }

  /**
   * Embeds one batch. An abort while the batch waits removes it from the queue; an abort while it
   * runs rejects at once and the worker's answer is dropped. Either way the rejection is `signal.reason`.
   */
  run(batch: Omit<EmbedRequest, 'id'>, priority: JobPriority, signal?: AbortSignal): Promise<Float32Array[]> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const queued = this.#queue.indexOf(job);
        if (queued >= 0) this.#queue.splice(queued, 1);
        reject(signal?.reason);
      };
      const job: Job = {
        request: { id: this.#nextId++, ...batch },
        priority,
        attempts: 0,
        signal,
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
   * Starts every worker and has each load its model and run `batch` (an empty one only loads), one
   * request each, queued as passage batches, so the first calls find them ready. Resolves once all
   * have; rejects like `run`.
   */
  async preload(batch: Omit<EmbedRequest, 'id'> = { texts: [], tokens: [] }): Promise<void> {
    await Promise.all(this.#slots.map(() => this.run(batch, 'passage')));
  }

  /**
   * Terminates every worker and frees the models' memory. Batches still waiting or running reject
   * with a retryable `embedding_failed`; a later `run` starts fresh workers.
   */
  async close(): Promise<void> {
    const outstanding = [...this.#slots.flatMap((slot) => slot.jobs), ...this.#queue];
    this.#queue = [];
    const threads = this.#slots.flatMap(({ thread }) => (thread === undefined ? [] : [thread]));
    for (const slot of this.#slots) {
      slot.thread = undefined;
      slot.jobs = [];
    }
    for (const job of outstanding) job.reject(stopped(new Error('The embedder was closed')));
    process.off('exit', this.#closeGatesAtExit);
    this.#exitHooked = false;
    await Promise.all(threads.map(stopThread));
  }

  #enqueue(job: Job): void {
    const firstPassage = this.#queue.findIndex((queued) => queued.priority === 'passage');
    if (job.priority === 'query' && firstPassage >= 0) this.#queue.splice(firstPassage, 0, job);
    else this.#queue.push(job);
  }

  /** Hands queued batches to idle workers, starting workers as needed. */
  #pump(): void {
    for (const slot of this.#slots) {
      if (slot.jobs.length > 0) continue;
      const job = this.#takeNext();
      if (job === undefined) {
        // An idle worker must not keep a CLI process alive.
        slot.thread?.worker.unref();
        continue;
      }
      let worker: Worker;
      try {
        worker = this.#ensureWorker(slot);
      } catch (cause) {
        job.reject(new DocentError('embedding_failed', 'Cannot start an embedding worker', { cause }));
        // The rest of the queue still needs a worker: try again for the next batch.
        this.#pump();
        return;
      }
      const jobs = [job, ...this.#waitingQueries(job)];
      for (const each of jobs) each.attempts += 1;
      slot.jobs = jobs;
      slot.requestId = jobs.length === 1 ? job.request.id : this.#nextId++;
      worker.ref();
      worker.postMessage(
        jobs.length === 1
          ? job.request
          : {
              id: slot.requestId,
              texts: jobs.flatMap((each) => each.request.texts),
              tokens: jobs.flatMap((each) => each.request.tokens),
            },
      );
    }
  }

  /**
   * The next job for an idle worker: queued queries first, unless another worker is already running
   * queries; then they wait for it, to go together in its next request, and the idle worker takes the
   * next passage batch (or nothing).
   */
  #takeNext(): Job | undefined {
    const queryRunning = this.#slots.some((slot) => slot.jobs[0]?.priority === 'query');
    const index = queryRunning ? this.#queue.findIndex((job) => job.priority === 'passage') : 0;
    return index < 0 ? undefined : this.#queue.splice(index, 1)[0];
  }

  /** Takes the query batches queued right behind `first` (a query) that fit in one request with it. */
  #waitingQueries(first: Job): Job[] {
    const taken: Job[] = [];
    let texts = first.request.texts.length;
    while (first.priority === 'query') {
      const next = this.#queue[0];
      if (next?.priority !== 'query' || texts + next.request.texts.length > MAX_MERGED_QUERY_TEXTS) break;
      taken.push(next);
      texts += next.request.texts.length;
      this.#queue.shift();
    }
    return taken;
  }

  #ensureWorker(slot: Slot): Worker {
    if (slot.thread !== undefined) return slot.thread.worker;
    if (!this.#exitHooked) process.on('exit', this.#closeGatesAtExit);
    this.#exitHooked = true;
    const gate = createNativeGate();
    const workerData: EmbedWorkerData = { nativeGate: gate };
    // Named so /proc shows embedding threads apart from the rest (the bench reads their CPU time).
    const worker = new Worker(this.#workerUrl, { name: EMBEDDING_THREAD_NAME, workerData });
    worker.on('message', (response: EmbedResponse) => this.#onResponse(slot, worker, response));
    worker.on('messageerror', (error) => this.#onWorkerGone(slot, worker, error));
    worker.on('error', (error) => this.#onWorkerGone(slot, worker, error));
    worker.on('exit', (code) =>
      this.#onWorkerGone(slot, worker, new Error(`The embedding worker exited with code ${code}`)),
    );
    slot.thread = { worker, gate };
    return worker;
  }

  #onResponse(slot: Slot, worker: Worker, response: EmbedResponse): void {
    const jobs = slot.jobs;
    if (worker !== slot.thread?.worker || jobs.length === 0 || slot.requestId !== response.id) return;
    slot.jobs = [];
    let offset = 0;
    for (const job of jobs) {
      const count = job.request.texts.length;
      if (response.ok) job.resolve(response.vectors.slice(offset, offset + count));
      else job.reject(new DocentError('embedding_failed', `Embedding failed: ${response.message}`));
      offset += count;
    }
    this.#pump();
  }

  /** Retries the dead worker's batches once (at the head of the queue) or fails them; the slot restarts on demand. */
  #onWorkerGone(slot: Slot, worker: Worker, cause: unknown): void {
    const thread = slot.thread;
    if (worker !== thread?.worker) return;
    const jobs = slot.jobs;
    slot.thread = undefined;
    slot.jobs = [];
    void stopThread(thread);
    // An aborted batch was already rejected with its signal's reason: nothing to retry or report.
    const live = jobs.filter((job) => !job.signal?.aborted);
    this.#queue.unshift(...live.filter((job) => job.attempts < MAX_ATTEMPTS));
    for (const job of live) if (job.attempts >= MAX_ATTEMPTS) job.reject(stopped(cause));
    this.#pump();
  }
}

/** Terminates a worker once its native calls are closed: stopping it inside one aborts the process. */
const stopThread = async ({ worker, gate }: Thread): Promise<void> => {
  closeNativeGate(gate);
  await worker.terminate();
};

const stopped = (cause: unknown): DocentError =>
  new DocentError(
    'embedding_failed',
    `Embedding worker stopped: ${cause instanceof Error ? cause.message : String(cause)}`,
    { retryable: true, cause },
  );
