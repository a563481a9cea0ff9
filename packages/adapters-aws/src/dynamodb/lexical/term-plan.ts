/** Postings a search reads per hit it must return before the budget may leave terms out. */
const ROWS_PER_HIT = 4;
/** In large indexes the budget grows to this share of the owner's chunks (ADR 0018's 6%). */
const BUDGET_SHARE = 0.06;

/** Which terms a search reads first, and which it reads only when the first ones find too few chunks. */
export interface TermPlan {
  /** Rarest first. */
  read: string[];
  /** Rarest first; each is read, in turn, while the hits do not fill the limit. */
  deferred: string[];
}

/**
 * ADR 0018's posting budget over the owner's chunk counts: the query's terms sorted rarest first (ties
 * by term) are read while their posting lists add up to at most `max(maxPostings, 6% of chunkCount)`,
 * and always until they hold `4 x limit` postings; the rest (the most common terms, those of lowest
 * idf) are deferred. All terms are read when they fit, so below the budget this is full BM25.
 */
export const planTerms = (
  terms: readonly string[],
  frequencies: ReadonlyMap<string, number>,
  options: { maxPostings: number; limit: number; chunkCount: number },
): TermPlan => {
  const budget = Math.max(options.maxPostings, Math.floor(options.chunkCount * BUDGET_SHARE));
  const minimum = options.limit * ROWS_PER_HIT;
  const frequency = (term: string): number => frequencies.get(term) ?? 0;
  const sorted = [...terms].sort((a, b) => frequency(a) - frequency(b) || (a < b ? -1 : a > b ? 1 : 0));
  let postings = 0;
  let count = 0;
  while (count < sorted.length) {
    const next = frequency(sorted[count] as string);
    if (postings >= minimum && postings + next > budget) break;
    postings += next;
    count++;
  }
  return { read: sorted.slice(0, count), deferred: sorted.slice(count) };
};
