import type { Answer, AskQuestionInput, ErrorCode, Principal } from '@docent/domain';
import type { LlmConfig } from '../llm-config.ts';

/** What an ask worker needs to build its `AskQuestion`: plain data, cloned into the thread. */
export interface AskWorkerData {
  dataDir: string;
  /** Width and id of the server's embedder, which the worker calls through its parent. */
  embedder: { modelId: string; dimensions: number };
  /** The reranker's id when the server has one (called through the parent too). */
  rerankerModelId?: string;
  /** Owners with at least this many vectors are searched by the server's approximate index. */
  approximateFrom?: number;
  /** Bytes of vectors the worker's connection keeps in memory for exact searches (`DOCENT_ASK_VECTOR_CACHE_MB`). */
  vectorCacheBytes?: number;
  llm: LlmConfig;
}

/**
 * Ports the worker borrows from its parent: the model-holding ones, loaded once per server, and
 * the vector index for large owners, whose approximate index is held once per server.
 */
export type BorrowedPort = 'embedder' | 'reranker' | 'vectors';

/** A `DocentError` or any other error, as plain data across the thread boundary. */
export interface ErrorData {
  code: ErrorCode;
  message: string;
  retryable: boolean;
  details?: Record<string, unknown>;
}

/** Parent -> worker. */
export type ToWorker =
  | { type: 'ask'; id: number; principal: Principal; input: AskQuestionInput; stream: boolean }
  | { type: 'abort'; id: number }
  | { type: 'returned'; call: number; value: unknown }
  | { type: 'threw'; call: number; error: ErrorData };

/** Worker -> parent. */
export type FromWorker =
  | { type: 'text'; id: number; delta: string }
  | { type: 'answered'; id: number; answer: Answer }
  | { type: 'failed'; id: number; error: ErrorData }
  | { type: 'call'; call: number; port: BorrowedPort; method: string; args: unknown[] };
