/** Which in-flight documents `DocumentRepository.listStale` returns, a page at a time. */
export interface StaleDocumentsQuery {
  /** `uploaded` (waiting for its bytes or a worker) or `processing`: ready and failed documents never are stale. */
  status: 'uploaded' | 'processing';
  /** ISO-8601: only documents last changed strictly before this instant. */
  changedBefore: string;
  /** Page size, at least 1. */
  limit: number;
  /** The previous page's `nextCursor`. */
  cursor?: string;
}
