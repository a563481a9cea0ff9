/**
 * Version of the processing pipeline (extraction rules, normalisation, chunking, embedding
 * input). It is part of every processing job key, so raising it makes re-uploads and
 * re-enqueues process documents again instead of being deduplicated away.
 */
export const PIPELINE_VERSION = 'v2';

/** Names of the background jobs; each has exactly one handler. */
export const JOB_NAMES = {
  processDocument: 'document.process',
} as const;

/** The idempotency key of a document's processing job. */
export const processJobKey = (documentId: string, sha256: string): string =>
  `${documentId}:${sha256}:${PIPELINE_VERSION}`;
