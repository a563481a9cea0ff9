/** How often a term occurs in each field of a chunk. */
export interface FieldFrequencies {
  /** In the body text. */
  body: number;
  /** In the section heading. */
  heading: number;
  /** In the document's file name. */
  title: number;
}

/**
 * BM25 as SQLite FTS5's bm25() computes it (fts5_aux.c), with the SQLite lexical index's column
 * weights, so the lexical adapters rank alike (the DynamoDB index scores with it, and the SQLite
 * index rescores its candidates with it): k1 1.2, b 0.75; a term's frequency is the weighted sum of
 * its per-field counts; `|D|` is the chunk's term count over all fields; idf is
 * ln((N - df + 0.5) / (df + 0.5)), clamped to 1e-6 when not positive (a term in over half the chunks).
 */
const K1 = 1.2;
const B = 0.75;
/** Body, heading and file name weights, as `SqliteLexicalIndex` passes them to bm25(). */
export const BM25_FIELD_WEIGHTS: Readonly<FieldFrequencies> = { body: 1, heading: 2, title: 2 };
const WEIGHTS = BM25_FIELD_WEIGHTS;
const MIN_IDF = 1e-6;

/** The statistics of one search: chunks in the index and their mean length. */
export interface CollectionStatistics {
  chunkCount: number;
  averageLength: number;
}

/** A term's weight among `chunkCount` chunks when `frequency` of them hold it. */
export const inverseDocumentFrequency = (chunkCount: number, frequency: number): number => {
  const idf = Math.log((chunkCount - frequency + 0.5) / (frequency + 0.5));
  return idf > 0 ? idf : MIN_IDF;
};

/** The most one term can add to a chunk's score: its frequency part f(k1+1)/(f+K) stays below k1 + 1. */
export const maxTermScore = (idf: number): number => idf * (K1 + 1);

/** One term's contribution to a chunk's score, given the term's idf and the chunk's length. */
export const termScore = (
  idf: number,
  counts: FieldFrequencies,
  length: number,
  statistics: CollectionStatistics,
): number => {
  const f = WEIGHTS.body * counts.body + WEIGHTS.heading * counts.heading + WEIGHTS.title * counts.title;
  // An empty index has no mean length; any chunk read from it then counts as average.
  const relative = statistics.averageLength > 0 ? length / statistics.averageLength : 1;
  return (idf * (f * (K1 + 1))) / (f + K1 * (1 - B + B * relative));
};
