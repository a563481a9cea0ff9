/**
 * Version of the processing pipeline (extraction rules, normalisation, chunking, embedding
 * input). It is part of every processing job key, so raising it makes re-uploads and
 * re-enqueues process documents again instead of being deduplicated away.
 */
export const PIPELINE_VERSION = 'v2';

/** Names of the background jobs; each has exactly one handler. */
export const JOB_NAMES = {
  /** Extract, chunk and index for BM25: seconds; the document is searchable when it ends. */
  processDocument: 'document.process',
  /** Compute and store the vectors of one processing run's chunks: minutes; ends `ready`. */
  embedDocument: 'document.embed',
} as const;

/**
 * The jobs each worker lane claims: a worker gives each lane loops of its own, so a document's
 * fast stages never wait behind other documents' embedding.
 */
export const JOB_LANES = {
  stages: [JOB_NAMES.processDocument],
  embedding: [JOB_NAMES.embedDocument],
} as const;

/** The idempotency key of a document's processing job. */
export const processJobKey = (documentId: string, sha256: string): string =>
  `${documentId}:${sha256}:${PIPELINE_VERSION}`;

/**
 * The idempotency key of the embedding job of one processing run: content hash and pipeline
 * version, plus the run's chunk set (its first chunk's id, new on every run), so a rerun of the
 * processing job enqueues the embedding of its own chunks rather than being deduplicated away.
 */
export const embedJobKey = (documentId: string, sha256: string, chunkSet: string): string =>
  `${processJobKey(documentId, sha256)}:embed:${chunkSet}`;
