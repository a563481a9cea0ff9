import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { CommonTerms } from './common-terms.ts';

/**
 * Kept terms are added past the budget only until they reach this many chunks per hit asked for:
 * the candidates they find are rescored with every term (`CandidateRescorer`), so enough to fill the
 * limit is enough, and adding a long list just to have more rows cost a whole list's scoring (a
 * question whose second rarest term is in 47% of a million chunks: 363 ms).
 */
const MINIMUM_ROWS_PER_HIT = 1;
/**
 * Share of the index's chunks the budget grows to in large indexes: at 1M chunks a fixed 20,000 left
 * out words in 1-5% of chunks, which still tell passages apart (the question's own chunk in the top
 * 10 for 16 of 30 questions against 21 with full BM25, first for 7 against 12); 60,000 put it first
 * for 10 at about the same CPU per search (docs/performance-history.md, "BM25 at scale").
 */
export const DEFAULT_BUDGET_SHARE = 0.06;

/** A term as an FTS5 string, so `-`, `:` and the like are never read as operators. */
export const quoteTerm = (term: string): string => `"${term.replaceAll('"', '""')}"`;

/** Which of a question's terms a budgeted search matches first, and which it may leave out. */
export interface TermPlan {
  /** Terms to match, rarest first. */
  kept: string[];
  /** Terms left out, rarest first: added one at a time when `kept` alone does not fill the limit. */
  dropped: string[];
}

/**
 * Splits a question's distinct terms so that the posting lists FTS5 reads (and bm25() scores row by
 * row) stay within `maxPostings` where possible: the terms are taken rarest first while their
 * chunk counts add up to at most the budget, and always until they add up to `minimumRows` (enough
 * rows to fill the candidate list with room to rank). Everything is kept when all the terms fit.
 * The terms left out are the question's most common ones, i.e. those with the lowest idf, so they
 * move a chunk's BM25 score least (at most idf x (k1 + 1) each). `frequency` is a term's chunk count
 * as far as the caller knows it (Infinity for "unknown, maybe large").
 */
export const planTerms = (
  terms: readonly string[],
  frequency: (term: string) => number,
  budget: { maxPostings: number; minimumRows: number },
): TermPlan => {
  const byRarity = [...terms].sort((a, b) => frequency(a) - frequency(b) || (a < b ? -1 : a > b ? 1 : 0));
  let postings = 0;
  let kept = 0;
  for (const term of byRarity) {
    const next = frequency(term);
    if (postings >= budget.minimumRows && postings + next > budget.maxPostings) break;
    postings += next;
    kept++;
  }
  return { kept: byRarity.slice(0, kept), dropped: byRarity.slice(kept) };
};

/** A plan as `PostingBudget` makes it, with the chunk counts it was made from. */
export interface BudgetPlan extends TermPlan {
  /** The term's chunk count in the whole index when known exactly, else undefined (a capped count). */
  chunks(term: string): number | undefined;
  /**
   * Most of the owner's rows the kept terms' MATCH may score: the budget when even the rarest terms
   * that fill the limit hold more postings than it (a question made only of common words), else Infinity.
   */
  cap: number;
}

/** The budget when the kept terms' postings exceed it, else Infinity (see `BudgetPlan.cap`). */
const capOf = (kept: readonly string[], frequency: (term: string) => number, maxPostings: number): number =>
  kept.reduce((sum, term) => sum + frequency(term), 0) > maxPostings ? maxPostings : Number.POSITIVE_INFINITY;

/**
 * Plans a search's terms within `maxPostings`, or 6% of the index's chunks when that is more (from
 * 333k chunks on), from what the index knows: the common terms' counts (`CommonTerms`), and
 * for the other terms, only when the plan could leave something out, a count of their rows capped
 * just above the budget (so counting never reads more than the search may).
 */
export class PostingBudget {
  readonly #common: CommonTerms;
  readonly #cappedCount: StatementSync;
  readonly #maxPostings: number;
  readonly #share: number;

  readonly #rareTermChunks: number;

  /**
   * `rareTermChunks` is the common terms' floor: a term they do not list is counted up to just past
   * it (or past the budget, when larger), so that any term a plan leaves out has an exact count
   * for rescoring, and counting still never reads more than the search may.
   */
  constructor(
    db: DatabaseSync,
    common: CommonTerms,
    options: { maxPostings: number; rareTermChunks: number; share?: number | undefined },
  ) {
    const { maxPostings, rareTermChunks, share = DEFAULT_BUDGET_SHARE } = options;
    this.#rareTermChunks = rareTermChunks;
    this.#common = common;
    this.#maxPostings = maxPostings;
    this.#share = share;
    this.#cappedCount = db.prepare(
      'SELECT count(*) AS n FROM (SELECT 1 FROM lexical_fts WHERE lexical_fts MATCH :match LIMIT :cap)',
    );
  }

  /** The plan for `terms` (distinct, analysed) and a search for `limit` hits. Runs inside a read. */
  plan(terms: readonly string[], limit: number): BudgetPlan {
    const { frequencies, floor, rows } = this.#common.current();
    const maxPostings = Math.max(this.#maxPostings, Math.floor(rows * this.#share));
    const budget = { maxPostings, minimumRows: limit * MINIMUM_ROWS_PER_HIT };
    const roughly = (term: string) => frequencies.get(term) ?? floor;
    const rough = planTerms(terms, roughly, budget);
    // Every term fits: nothing is left out or capped. Otherwise the terms are counted (capped) first.
    if (rough.dropped.length === 0 && capOf(rough.kept, roughly, maxPostings) === Number.POSITIVE_INFINITY) {
      return { ...rough, chunks: (term) => frequencies.get(term), cap: Number.POSITIVE_INFINITY };
    }
    const countCap = Number.isFinite(maxPostings) ? Math.max(maxPostings, this.#rareTermChunks) + 1 : -1;
    const counted = new Map(
      terms
        .filter((term) => !frequencies.has(term))
        .map(
          (term) =>
            [term, (this.#cappedCount.get({ match: quoteTerm(term), cap: countCap }) as { n: number }).n] as const,
        ),
    );
    const known = (term: string) => frequencies.get(term) ?? counted.get(term) ?? 0;
    const plan = planTerms(terms, known, budget);
    // A count that reached the cap only says "at least": such a term is not rescored.
    const exact = (term: string) => {
      const count = counted.get(term);
      return count !== undefined && (countCap < 0 || count < countCap) ? count : undefined;
    };
    return {
      ...plan,
      chunks: (term) => frequencies.get(term) ?? exact(term),
      cap: capOf(plan.kept, known, maxPostings),
    };
  }
}
