import { Worker } from 'node:worker_threads';
import {
  type Answer,
  type AskCallOptions,
  type AskQuestionInput,
  type AskQuestionUseCase,
  DocentError,
  type Embedder,
  type Principal,
  type Reranker,
  type VectorIndex,
} from '@docent/domain';
import { abortable } from './abortable-call.ts';
import type { AskWorkerData, FromWorker, ToWorker } from './ask-worker-protocol.ts';
import { fromErrorData, toErrorData } from './error-data.ts';

// The worker file beside this module: .ts when run from source, .js once built into dist/ (ADR 0017).
const OWN_EXTENSION = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

/** How the pool runs. */
export interface AskWorkerPoolOptions {
  /** Worker threads answering questions. */
  size: number;
  workerData: AskWorkerData;
  /** The server's embedder, which every worker calls through the pool. */
  embedder: Embedder;
  reranker?: Reranker;
  /** The server's vector index, which workers call for large owners (see `approximateFrom`). */
  vectors?: Pick<VectorIndex, 'search'>;
  /** The worker's script (default `ask-worker.ts`); tests run stand-ins. */
  workerUrl?: URL;
  /** Told when a worker dies (it is replaced on the next ask). */
  onWorkerExit?: (error: unknown) => void;
}

interface Pending {
  resolve(answer: Answer): void;
  reject(error: unknown): void;
  onText: ((delta: string) => void) | undefined;
}

interface Slot {
  worker: Worker;
  asks: Map<number, Pending>;
}

const DEFAULT_WORKER = new URL(`./ask-worker${OWN_EXTENSION}`, import.meta.url);

/**
 * Answers questions in a pool of worker threads, each running the same `AskQuestion` over its own
 * store connection (see `ask-worker.ts`), so asks use every core instead of the one event loop.
 * An ask goes to the worker with the fewest asks in flight; the models stay in this thread and
 * serve the workers' calls. A worker that dies fails its asks with the retryable `unavailable` and
 * is started again by the next ask (not at once, so a worker that cannot start does not spin).
 * Aborting an ask (the client left) rejects it at once and stops it in its worker.
 */
export class AskWorkerPool implements AskQuestionUseCase {
  readonly #options: AskWorkerPoolOptions;
  readonly #slots: Array<Slot | undefined>;
  #nextId = 0;
  #closed = false;

  constructor(options: AskWorkerPoolOptions) {
    if (!Number.isSafeInteger(options.size) || options.size < 1) {
      throw new DocentError('validation_failed', `The ask pool needs at least one worker, got ${options.size}`);
    }
    this.#options = options;
    // Started now, so the first asks do not wait for a worker to load its modules.
    this.#slots = Array.from({ length: options.size }, () => this.#start());
  }

  /** Worker threads alive now (for tests and metrics). */
  get threadIds(): number[] {
    return this.#slots.flatMap((slot) => (slot === undefined ? [] : [slot.worker.threadId]));
  }

  execute(principal: Principal, input: AskQuestionInput, options: AskCallOptions = {}): Promise<Answer> {
    const { signal, onText } = options;
    if (this.#closed) return Promise.reject(new DocentError('unavailable', 'The server is shutting down'));
    signal?.throwIfAborted();
    const slot = this.#leastBusy();
    const id = this.#nextId++;
    return new Promise<Answer>((resolve, reject) => {
      const settle = abortable(signal, { resolve, reject }, () => {
        this.#forget(slot, id);
        slot.worker.postMessage({ type: 'abort', id } satisfies ToWorker);
      });
      slot.asks.set(id, { ...settle, onText });
      // A worker with asks in flight keeps the process alive (a CLI has no listener that would).
      slot.worker.ref();
      slot.worker.postMessage({ type: 'ask', id, principal, input, stream: onText !== undefined } satisfies ToWorker);
    });
  }

  /** Stops every worker; asks in flight fail with `unavailable`. */
  async close(): Promise<void> {
    this.#closed = true;
    const slots = this.#slots.splice(0);
    await Promise.all(slots.map((slot) => slot?.worker.terminate()));
  }

  /** Drops an ask from its worker's list; an idle worker stops keeping the process alive. */
  #forget(slot: Slot, id: number): void {
    slot.asks.delete(id);
    if (slot.asks.size === 0) slot.worker.unref();
  }

  #leastBusy(): Slot {
    let best: Slot | undefined;
    for (let index = 0; index < this.#slots.length; index++) {
      const slot = this.#slots[index] ?? this.#start(index);
      if (best === undefined || slot.asks.size < best.asks.size) best = slot;
    }
    return best as Slot;
  }

  #start(index?: number): Slot {
    const worker = new Worker(this.#options.workerUrl ?? DEFAULT_WORKER, { workerData: this.#options.workerData });
    const slot: Slot = { worker, asks: new Map() };
    if (index !== undefined) this.#slots[index] = slot;
    worker.on('message', (message: FromWorker) => this.#receive(slot, message));
    let failure: unknown;
    worker.on('error', (error) => {
      failure = error;
    });
    worker.once('exit', (code) => {
      const at = this.#slots.indexOf(slot);
      if (at >= 0) this.#slots[at] = undefined;
      const stopped = new DocentError('unavailable', 'The worker answering this question stopped; ask again', {
        retryable: true,
        cause: failure,
      });
      for (const pending of slot.asks.values()) pending.reject(stopped);
      slot.asks.clear();
      if (!this.#closed) this.#options.onWorkerExit?.(failure ?? new Error(`ask worker exited with code ${code}`));
    });
    // An idle pool must not keep the process alive.
    worker.unref();
    return slot;
  }

  #receive(slot: Slot, message: FromWorker): void {
    if (message.type === 'call') {
      void this.#serve(slot, message);
      return;
    }
    const pending = slot.asks.get(message.id);
    if (pending === undefined) return;
    if (message.type === 'text') {
      pending.onText?.(message.delta);
      return;
    }
    this.#forget(slot, message.id);
    if (message.type === 'answered') pending.resolve(message.answer);
    else pending.reject(fromErrorData(message.error));
  }

  /** Runs a worker's call on the parent's embedder, reranker or vector index and sends back the result. */
  async #serve(slot: Slot, message: Extract<FromWorker, { type: 'call' }>): Promise<void> {
    const { call, port, method, args } = message;
    try {
      const target =
        port === 'embedder'
          ? this.#options.embedder
          : port === 'vectors'
            ? this.#options.vectors
            : this.#options.reranker;
      const fn = target === undefined ? undefined : (target as unknown as Record<string, unknown>)[method];
      if (typeof fn !== 'function') throw new DocentError('internal_error', `No ${port}.${method} to call`);
      const value: unknown = await fn.apply(target, args);
      slot.worker.postMessage({ type: 'returned', call, value } satisfies ToWorker);
    } catch (error) {
      slot.worker.postMessage({ type: 'threw', call, error: toErrorData(error) } satisfies ToWorker);
    }
  }
}
