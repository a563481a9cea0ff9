import { analyzeText, type Reranker } from '@docent/domain';

/**
 * Share of the question's distinct terms a passage holds, plus a small bonus (at most
 * `proximityWeight` times that share) when the matched terms sit close together: the tightest
 * window of passage terms that holds every matched term, against the number matched.
 */
const overlapScore = (queryTerms: ReadonlySet<string>, passage: string, proximityWeight: number): number => {
  if (queryTerms.size === 0) return 0;
  const terms = analyzeText(passage);
  const matched = new Set(terms.filter((term) => queryTerms.has(term)));
  if (matched.size === 0) return 0;
  const coverage = matched.size / queryTerms.size;
  // Sliding window over positions: the shortest span containing every matched term.
  const counts = new Map<string, number>();
  let inside = 0;
  let shortest = terms.length;
  let left = 0;
  for (let right = 0; right < terms.length; right++) {
    const term = terms[right] ?? '';
    if (!matched.has(term)) continue;
    const count = counts.get(term) ?? 0;
    if (count === 0) inside++;
    counts.set(term, count + 1);
    while (inside === matched.size) {
      shortest = Math.min(shortest, right - left + 1);
      const leaving = terms[left++] ?? '';
      if (!matched.has(leaving)) continue;
      const remaining = (counts.get(leaving) ?? 1) - 1;
      counts.set(leaving, remaining);
      if (remaining === 0) inside--;
    }
  }
  return coverage * (1 + proximityWeight * (matched.size / shortest));
};

/**
 * A Reranker without a model: scores each passage on its own by how many of the question's
 * (stemmed, stop-word-free) terms it holds and how tightly they cluster. Scores do not depend on
 * the other passages of the call, like a cross-encoder's.
 */
export class TermOverlapReranker implements Reranker {
  readonly modelId = 'term-overlap-v1';
  readonly #proximityWeight: number;

  /** `proximityWeight` (default 0.25) scales the proximity bonus against plain coverage. */
  constructor(options: { proximityWeight?: number } = {}) {
    this.#proximityWeight = options.proximityWeight ?? 0.25;
  }

  /** One score in [0, 1 + proximityWeight] per passage, in input order. */
  async rerank(query: string, passages: readonly string[], options: { signal?: AbortSignal } = {}): Promise<number[]> {
    options.signal?.throwIfAborted();
    const queryTerms = new Set(analyzeText(query));
    return passages.map((passage) => overlapScore(queryTerms, passage, this.#proximityWeight));
  }
}
