/**
 * Watches a running ingest through `GET /documents`: when every document became searchable and
 * final, and how long documents spent in each processing stage (summed over documents, so two
 * documents embedding at once count twice), as seen by polling. The end is read from the documents'
 * own `readyAt` stamps (see {@link finishedS}), so it does not depend on when a poll lands; once
 * every document is searchable the polls slow down (`finalPollMs`), since each one costs the busy
 * server and this process CPU that the peer's run does not pay.
 */
import type { ApiClient } from '../../apps/local-server/test/support/api-client.ts';

/** A listed document, as far as the watcher reads it. */
interface Listed {
  id: string;
  name: string;
  status: string;
  searchable?: boolean;
  chunkCount?: number;
  progress?: { stage: string };
  error?: { code: string };
  readyAt?: string;
}

/** What the watch saw, times in seconds from `startedMs`. */
export interface IngestProgress {
  /** Every document searchable (BM25) or final. */
  searchableS: number;
  /** Every document `ready` or `failed`. */
  finalS: number;
  /** Document-seconds per stage (`queued`, `extracting`, `chunking`, `indexing`, `embedding`). */
  stages: Record<string, number>;
  documents: Listed[];
}

const isFinal = (d: Listed): boolean => d.status === 'ready' || d.status === 'failed';

/**
 * Seconds from `startedWallMs` (a `Date.now()` reading) to the last document's `readyAt`, or
 * undefined unless every document is ready with a stamp (a failed one has none: then the poll's time
 * stands). The server stamps `readyAt` from the same wall clock, on the same machine.
 */
export const finishedS = (documents: readonly Listed[], startedWallMs: number): number | undefined => {
  let last = Number.NEGATIVE_INFINITY;
  for (const d of documents) {
    const at = d.status === 'ready' && d.readyAt !== undefined ? Date.parse(d.readyAt) : Number.NaN;
    if (Number.isNaN(at)) return undefined;
    last = Math.max(last, at);
  }
  return documents.length === 0 ? undefined : Math.max(0, last - startedWallMs) / 1000;
};

/**
 * Polls until all `expected` documents are final, or throws after `timeoutMs`. `startedMs` is a
 * `performance.now()` reading and `startedWallMs` the `Date.now()` of the same moment.
 */
export const watchIngest = async (
  api: Pick<ApiClient, 'request'>,
  expected: number,
  { startedMs, startedWallMs }: { startedMs: number; startedWallMs: number },
  { pollMs = 200, finalPollMs = 1000, timeoutMs = 30 * 60_000 } = {},
): Promise<IngestProgress> => {
  const stages: Record<string, number> = {};
  const last = new Map<string, { stage: string; atMs: number }>();
  let searchableS: number | undefined;
  for (;;) {
    const { json } = await api.request('GET', '/documents?limit=100');
    const documents: Listed[] = json.documents;
    const nowMs = performance.now();
    for (const d of documents) {
      const stage = isFinal(d) ? 'final' : (d.progress?.stage ?? d.status);
      const previous = last.get(d.id);
      // The time since the last poll goes to the stage seen then (the stage may have changed meanwhile).
      const from = previous?.atMs ?? startedMs;
      const counted = previous?.stage ?? 'queued';
      if (counted !== 'final') stages[counted] = (stages[counted] ?? 0) + (nowMs - from) / 1000;
      last.set(d.id, { stage, atMs: nowMs });
    }
    const seconds = (nowMs - startedMs) / 1000;
    if (documents.length === expected) {
      if (searchableS === undefined && documents.every((d) => d.searchable === true || isFinal(d)))
        searchableS = seconds;
      if (documents.every(isFinal)) {
        const finalS = finishedS(documents, startedWallMs) ?? seconds;
        return { searchableS: Math.min(searchableS ?? seconds, finalS), finalS, stages, documents };
      }
    }
    if (nowMs - startedMs > timeoutMs) throw new Error(`ingest still running after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, searchableS === undefined ? pollMs : finalPollMs));
  }
};
