import type { MessagePort } from 'node:worker_threads';
import type { Embedder, Reranker, ScoredChunk, VectorIndex } from '@docent/domain';
import { abortable } from './abortable-call.ts';
import type { BorrowedPort, FromWorker, ToWorker } from './ask-worker-protocol.ts';
import { fromErrorData } from './error-data.ts';

/**
 * The embedder and reranker of the parent thread, called from an ask worker: the models load once
 * per server, not once per worker. An abort rejects the caller at once; the parent's call runs to
 * its end and its result is dropped.
 */
export class ParentPorts {
  readonly #port: MessagePort;
  readonly #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  #nextCall = 0;

  constructor(port: MessagePort) {
    this.#port = port;
  }

  /** Settles the call a `returned` or `threw` message answers; false for any other message. */
  settle(message: ToWorker): boolean {
    if (message.type !== 'returned' && message.type !== 'threw') return false;
    const pending = this.#pending.get(message.call);
    this.#pending.delete(message.call);
    if (message.type === 'returned') pending?.resolve(message.value);
    else pending?.reject(fromErrorData(message.error));
    return true;
  }

  embedder(modelId: string, dimensions: number): Embedder {
    return {
      modelId,
      dimensions,
      embed: (texts, options = {}) =>
        this.#call('embedder', 'embed', [texts, { purpose: options.purpose ?? 'passage' }], options.signal) as Promise<
          Float32Array[]
        >,
    };
  }

  /** The parent's vector search (its approximate index for large owners). */
  vectors(): Pick<VectorIndex, 'search'> {
    return { search: (query) => this.#call('vectors', 'search', [query], undefined) as Promise<ScoredChunk[]> };
  }

  reranker(modelId: string): Reranker {
    return {
      modelId,
      rerank: (query, passages, options = {}) =>
        this.#call('reranker', 'rerank', [query, passages], options.signal) as Promise<number[]>,
    };
  }

  #call(port: BorrowedPort, method: string, args: unknown[], signal: AbortSignal | undefined): Promise<unknown> {
    signal?.throwIfAborted();
    const call = this.#nextCall++;
    return new Promise((resolve, reject) => {
      this.#pending.set(
        call,
        abortable(signal, { resolve, reject }, () => this.#pending.delete(call)),
      );
      this.#port.postMessage({ type: 'call', call, port, method, args } satisfies FromWorker);
    });
  }
}
