import { Worker } from 'node:worker_threads';
import type { ContentType, RawDocument } from '@docent/domain';
import { DocentError } from '@docent/domain';
import type { ExtractionLimits } from '../extraction-limits.ts';
import type { OcrSettings } from '../ocr/ocr-settings.ts';
import type { ExtractionRequest, ExtractionWorkerData, ExtractionWorkerMessage } from './extraction-protocol.ts';

/** How the pool runs its workers. */
export interface ExtractionPoolOptions {
  /** The worker module, which answers each `ExtractionRequest` with an `ExtractionResponse`. */
  workerUrl: URL;
  /** Limits handed to the `DocumentExtractor` inside each worker. */
  limits: Partial<ExtractionLimits>;
  /** OCR settings of the extractor in each worker; absent when OCR is off. */
  ocr?: OcrSettings | undefined;
  /** V8 old-generation heap of each worker in MB; a worker that needs more dies and the file is `too_large`. */
  memoryMb: number;
  /** Wall-clock time one extraction may take in a worker before it is terminated (`extraction_timeout`). */
  timeoutMs: number;
  /** Extractions running at once, each in its own worker; further ones wait in arrival order. */
  maxWorkers: number;
}

interface Task {
  readonly request: ExtractionRequest;
  readonly resolve: (document: RawDocument) => void;
  readonly reject: (error: unknown) => void;
}

interface Running {
  readonly task: Task;
  /** Absent while a new worker is still loading: the time limit starts once it is ready. */
  timer?: NodeJS.Timeout;
}

/**
 * Runs extractions on up to `maxWorkers` worker threads with a heap limit each. A worker that runs
 * past the timeout is terminated, one that runs out of memory dies on its own; either way only
 * that extraction fails and the next one gets a fresh worker. Idle workers are kept for reuse.
 */
export class ExtractionPool {
  readonly #options: ExtractionPoolOptions;
  readonly #idle: Worker[] = [];
  readonly #busy = new Map<Worker, Running>();
  readonly #ready = new WeakSet<Worker>();
  #queue: Task[] = [];
  #nextId = 1;

  constructor(options: ExtractionPoolOptions) {
    this.#options = options;
  }

  /** Extracts in a worker; rejects with the extractor's DocentError, `extraction_timeout` or `too_large`. */
  run(bytes: Uint8Array, contentType: ContentType): Promise<RawDocument> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ request: { id: this.#nextId++, bytes, contentType }, resolve, reject });
      this.#pump();
    });
  }

  /**
   * Starts workers up to `maxWorkers` ahead of the first file, so it does not wait for their
   * extractors to load (~0.3 CPU s each, taken from embedding while a first upload is processed).
   * Resolves when the workers it started have loaded; rejects if one exits first. Idle workers keep
   * no process alive.
   */
  async preload(): Promise<void> {
    const missing = this.#options.maxWorkers - this.#idle.length - this.#busy.size;
    const loading = Array.from({ length: Math.max(0, missing) }, () => {
      const worker = this.#start();
      this.#idle.push(worker);
      return new Promise<void>((resolve, reject) => {
        // Kept referenced while it loads, so awaiting this keeps the process alive.
        worker.once('message', () => {
          if (this.#idle.includes(worker)) worker.unref();
          resolve();
        });
        worker.once('exit', (code) => reject(new Error(`An extraction worker exited with code ${code} while loading`)));
      });
    });
    await Promise.all(loading);
  }

  /** Terminates every worker; extractions still waiting or running reject with a retryable `unavailable`. */
  async close(): Promise<void> {
    const workers = [...this.#idle, ...this.#busy.keys()];
    const closed = new DocentError('unavailable', 'The extractor was closed.', { retryable: true });
    const waiting = this.#queue;
    this.#queue = [];
    for (const task of waiting) task.reject(closed);
    for (const worker of workers) this.#onGone(worker, closed);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      const worker = this.#idle.pop() ?? (this.#busy.size < this.#options.maxWorkers ? this.#start() : undefined);
      if (worker === undefined) return;
      const running: Running = { task: this.#queue.shift() as Task };
      this.#busy.set(worker, running);
      if (this.#ready.has(worker)) this.#startClock(worker, running);
      worker.ref();
      worker.postMessage(running.task.request);
    }
  }

  #start(): Worker {
    const workerData: ExtractionWorkerData = { limits: this.#options.limits, ocr: this.#options.ocr };
    const worker = new Worker(this.#options.workerUrl, {
      workerData,
      resourceLimits: { maxOldGenerationSizeMb: this.#options.memoryMb },
    });
    worker.on('message', (message: ExtractionWorkerMessage) => this.#onMessage(worker, message));
    worker.on('messageerror', (error) => this.#onGone(worker, error));
    worker.on('error', (error) => this.#onGone(worker, error));
    worker.on('exit', (code) => this.#onGone(worker, new Error(`The extraction worker exited with code ${code}`)));
    return worker;
  }

  #startClock(worker: Worker, running: Running): void {
    running.timer = setTimeout(() => this.#onGone(worker, this.#timeoutError()), this.#options.timeoutMs);
  }

  #onMessage(worker: Worker, response: ExtractionWorkerMessage): void {
    const running = this.#busy.get(worker);
    if ('ready' in response) {
      this.#ready.add(worker);
      if (running !== undefined) this.#startClock(worker, running);
      return;
    }
    if (running === undefined || running.task.request.id !== response.id) return;
    clearTimeout(running.timer);
    this.#busy.delete(worker);
    // An idle worker must not keep a CLI process alive.
    worker.unref();
    this.#idle.push(worker);
    if (response.ok) running.task.resolve(response.document);
    else {
      const { code, message, retryable, unexpected } = response;
      running.task.reject(
        new DocentError(code, message, { retryable, ...(unexpected ? { details: { unexpected } } : {}) }),
      );
    }
    this.#pump();
  }

  /** Drops a worker that timed out, died or was closed; its extraction (if any) fails with `cause`, translated. */
  #onGone(worker: Worker, cause: unknown): void {
    const idleAt = this.#idle.indexOf(worker);
    if (idleAt >= 0) this.#idle.splice(idleAt, 1);
    const running = this.#busy.get(worker);
    if (idleAt < 0 && running === undefined) return;
    this.#busy.delete(worker);
    void worker.terminate();
    if (running !== undefined) {
      clearTimeout(running.timer);
      running.task.reject(this.#translate(cause));
    }
    this.#pump();
  }

  #timeoutError(): DocentError {
    const seconds = this.#options.timeoutMs / 1000;
    return new DocentError(
      'extraction_timeout',
      `Reading the file took longer than ${seconds} s, the limit (setting DOCENT_EXTRACT_TIMEOUT_S).`,
    );
  }

  #translate(cause: unknown): DocentError {
    if (cause instanceof DocentError) return cause;
    if ((cause as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      const limit = this.#options.memoryMb;
      return new DocentError(
        'too_large',
        `Reading the file needed more than ${limit} MB of memory, the limit (setting DOCENT_EXTRACT_MEMORY_MB).`,
        { cause },
      );
    }
    // A worker that could not start or died of something else says nothing about the file: retry later.
    const message = cause instanceof Error ? cause.message : String(cause);
    return new DocentError('internal_error', `The extraction worker stopped: ${message}`, { retryable: true, cause });
  }
}
