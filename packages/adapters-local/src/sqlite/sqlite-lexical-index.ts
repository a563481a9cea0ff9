import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { LexicalEntry, LexicalIndex, LexicalQuery, ScoredChunk, TermStatistics } from '@docent/domain';
import { analyzeText, BM25_FIELD_WEIGHTS } from '@docent/domain';
import { CandidateRescorer, type LeftOutTerm } from './candidate-rescorer.ts';
import { CommonTerms } from './common-terms.ts';
import { OwnerChunkCounts } from './owner-chunk-counts.ts';
import { checkLimit } from './page-cursor.ts';
import { PostingBudget, quoteTerm } from './posting-budget.ts';
import { ScoreFirstSearch } from './score-first-search.ts';
import type { SqliteUnitOfWork } from './sqlite-unit-of-work.ts';

/** How a search bounds its work; see `planTerms`. */
export interface LexicalSearchOptions {
  /**
   * Posting-list entries a search reads when the question's terms allow it (default 20,000: about
   * 20 ms on an idle 2-core machine; in indexes of over 333k chunks, 6% of their chunks). A question
   * whose terms are in more chunks than that together matches its rarest terms only, and the best
   * candidates they find are rescored with every term; `Infinity` always matches every term (full BM25).
   */
  maxPostings?: number;
  /** Share of the index's chunks the budget grows to in large indexes (default 0.06); 0 keeps `maxPostings`. */
  budgetShare?: number;
  /**
   * Candidates per hit asked for that a budgeted search fetches by its rarest terms and rescores
   * with every term (default 2: 200 for the retriever's 100). 0 turns rescoring off: the kept
   * terms' bm25() ranks, as before rescoring existed (for comparisons in scripts/bench).
   */
  candidatesPerHit?: number;
}

/** Defaults measured with scripts/bench/lexical-search.ts (docs/performance-history.md, "BM25 at scale"). */
const DEFAULT_MAX_POSTINGS = 20_000;
/** termStatistics counts a term exactly up to this many chunks (one short FTS query); beyond, it estimates. */
const EXACT_COUNT_LIMIT = 2_000;
/** Terms in fewer chunks are never long posting lists, so their counts are not kept (CommonTerms' floor). */
const RARE_TERM_CHUNKS = 500;

/** Candidates fetched and rescored per hit asked for, when a search leaves terms out. */
const DEFAULT_CANDIDATES_PER_HIT = 2;

/** BM25 column weights for body, heading and title: a match in a heading or file name says more. */
const WEIGHTS = BM25_FIELD_WEIGHTS;
/** A row's score: bm25() is lower-is-better, so the score is its negation. */
export const BM25_SCORE = `-bm25(lexical_fts, ${WEIGHTS.body}, ${WEIGHTS.heading}, ${WEIGHTS.title})`;

/**
 * The domain's terms joined by spaces. FTS5's tokenizer (unicode61, `-_.:/` kept inside tokens,
 * no diacritic folding) splits this back into exactly those terms, so tokenisation stays the domain's.
 */
const analyzed = (text: string | undefined): string => (text === undefined ? '' : analyzeText(text).join(' '));

/** An FTS5 query matching any of the terms, each quoted so `-`, `:` and the like are never operators. */
const matchAny = (terms: readonly string[]): string => terms.map(quoteTerm).join(' OR ');

/** `matchAny` of the text's distinct terms, or null when it has none. */
export const toMatchExpression = (text: string): string | null => {
  const terms = [...new Set(analyzeText(text))];
  return terms.length === 0 ? null : matchAny(terms);
};

/**
 * Keyword search with SQLite FTS5. `lexical_entries` maps each chunk to an FTS rowid plus its owner
 * and document; the FTS table is contentless (it keeps only the inverted index), so the analysed
 * text is not stored twice.
 */
export class SqliteLexicalIndex implements LexicalIndex {
  readonly #uow: SqliteUnitOfWork;
  readonly #upsertEntry: StatementSync;
  readonly #replaceFts: StatementSync;
  readonly #search: StatementSync;
  readonly #searchNewest: StatementSync;
  readonly #deleteFts: StatementSync;
  readonly #deleteEntries: StatementSync;
  readonly #ownerChunks: OwnerChunkCounts;
  readonly #countTerm: StatementSync;
  readonly #common: CommonTerms;
  readonly #budget: PostingBudget;
  readonly #exactCountLimit: number;
  readonly #rescorer: CandidateRescorer;
  readonly #candidatesPerHit: number;
  readonly #scoreFirst: ScoreFirstSearch;

  constructor(db: DatabaseSync, uow: SqliteUnitOfWork, options: LexicalSearchOptions = {}) {
    this.#uow = uow;
    const maxPostings = options.maxPostings ?? DEFAULT_MAX_POSTINGS;
    // An unbounded search (full BM25) keeps every count exact too.
    this.#exactCountLimit = Number.isFinite(maxPostings) ? EXACT_COUNT_LIMIT : Number.POSITIVE_INFINITY;
    this.#common = new CommonTerms(db, uow, { floor: RARE_TERM_CHUNKS });
    this.#budget = new PostingBudget(db, this.#common, {
      maxPostings,
      rareTermChunks: RARE_TERM_CHUNKS,
      share: options.budgetShare,
    });
    this.#rescorer = new CandidateRescorer(db);
    this.#candidatesPerHit = options.candidatesPerHit ?? DEFAULT_CANDIDATES_PER_HIT;
    this.#upsertEntry = db.prepare(
      `INSERT INTO lexical_entries (chunk_id, owner_id, document_id) VALUES (?, ?, ?)
       ON CONFLICT (chunk_id) DO UPDATE SET owner_id = excluded.owner_id, document_id = excluded.document_id
       RETURNING entry_id`,
    );
    this.#replaceFts = db.prepare(
      'INSERT OR REPLACE INTO lexical_fts (rowid, body, heading, title) VALUES (?, ?, ?, ?)',
    );
    // The document filter is skipped when the ids parameter is NULL; ties fall back to chunk id so
    // results are deterministic.
    const matching = `SELECT e.chunk_id AS chunkId, e.document_id AS documentId, ${BM25_SCORE} AS score
       FROM lexical_fts JOIN lexical_entries AS e ON e.entry_id = lexical_fts.rowid
       WHERE lexical_fts MATCH :match AND e.owner_id = :owner
         AND (:documents IS NULL OR e.document_id IN (SELECT value FROM json_each(:documents)))`;
    this.#search = db.prepare(`${matching} ORDER BY score DESC, chunkId LIMIT :limit`);
    // The same, scoring only the newest `:cap` of the owner's matching rows: FTS5 walks a posting
    // list newest first (rowid descending) and bm25() is computed only for the rows the LIMIT lets
    // through, which is where a long list's time goes (~0.85 µs a row at 1M, counting one ~0.03).
    this.#searchNewest = db.prepare(
      `SELECT * FROM (${matching} ORDER BY lexical_fts.rowid DESC LIMIT :cap)
       ORDER BY score DESC, chunkId LIMIT :limit`,
    );
    this.#scoreFirst = new ScoreFirstSearch(db, BM25_SCORE);
    this.#deleteFts = db.prepare(
      'DELETE FROM lexical_fts WHERE rowid IN (SELECT entry_id FROM lexical_entries WHERE owner_id = ? AND document_id = ?)',
    );
    this.#deleteEntries = db.prepare('DELETE FROM lexical_entries WHERE owner_id = ? AND document_id = ?');
    this.#ownerChunks = new OwnerChunkCounts(db);
    this.#countTerm = db.prepare(
      `SELECT count(*) AS n FROM lexical_fts JOIN lexical_entries AS e ON e.entry_id = lexical_fts.rowid
       WHERE lexical_fts MATCH :match AND e.owner_id = :owner`,
    );
  }

  /** Indexes the entries in one transaction; a chunk id seen before is replaced. */
  async add(entries: readonly LexicalEntry[]): Promise<void> {
    const rows = entries.map((e) => ({
      entry: e,
      body: analyzed(e.text),
      heading: analyzed(e.heading),
      title: analyzed(e.documentName),
    }));
    await this.#uow.write(() => {
      for (const { entry, body, heading, title } of rows) {
        const { entry_id } = this.#upsertEntry.get(entry.chunkId, entry.ownerId, entry.documentId) as {
          entry_id: number;
        };
        this.#replaceFts.run(entry_id, body, heading, title);
      }
      this.#ownerChunks.forget();
    });
    // Again after the commit: a read on this connection between the two saw the rows uncommitted.
    this.#ownerChunks.forget();
  }

  /**
   * Chunks of the owner (and of `documentIds`, when given) matching any query term, best first, by
   * BM25 as FTS5's bm25() computes it over every term of the question. When the question's terms are
   * in more chunks together than `maxPostings`, only its rarest terms are matched (`planTerms`), the
   * next rarest added back one at a time while the hits do not fill `limit`; the best
   * `candidatesPerHit` x `limit` candidates by those terms are then rescored with every term
   * (`CandidateRescorer`), so a budget changes which chunks are found, not how they rank
   * (docs/performance-history.md, "BM25 at scale"). Otherwise every term is matched. When even the rarest
   * terms hold more postings than the budget (every term of the question is in a large share of the
   * chunks, so none tells passages apart much), only the owner's newest `maxPostings` rows holding
   * them are scored (ADR 0034).
   */
  async search(query: LexicalQuery): Promise<ScoredChunk[]> {
    const limit = checkLimit(query.limit);
    const terms = [...new Set(analyzeText(query.text))];
    if (terms.length === 0 || query.documentIds?.length === 0) return [];
    const documents = query.documentIds === undefined ? null : JSON.stringify(query.documentIds);
    return this.#uow.read(() => {
      const plan = this.#budget.plan(terms, limit);
      // Checked once a search: `run` may be called again with more terms.
      const scoreFirst = documents === null && this.#scoreFirst.holdsWholeIndex(query.ownerId);
      const run = (match: string, rows: number) => {
        const parameters = { match, owner: query.ownerId, documents, limit: rows };
        const scoredFirst = scoreFirst
          ? this.#scoreFirst.search({ match, ownerId: query.ownerId, rows, cap: plan.cap })
          : undefined;
        if (scoredFirst !== undefined) return scoredFirst;
        const found = Number.isFinite(plan.cap)
          ? this.#searchNewest.all({ ...parameters, cap: plan.cap })
          : this.#search.all(parameters);
        return (found as unknown as ScoredChunk[]).map((hit) => ({
          chunkId: hit.chunkId,
          documentId: hit.documentId,
          score: hit.score,
        }));
      };
      // Nothing left out: the question's own term order, so scores are bm25()'s over the full query.
      if (plan.dropped.length === 0) return run(matchAny(terms), limit);
      const candidates = Math.max(limit, limit * this.#candidatesPerHit);
      const kept = [...plan.kept];
      for (let next = 0; next < plan.dropped.length; next++) {
        const hits = run(matchAny(kept), candidates);
        // No rescoring asked for: the kept terms' scores stand (ADR 0018's ranking, for comparisons).
        if (hits.length >= limit && this.#candidatesPerHit === 0) return hits.slice(0, limit);
        if (hits.length >= limit) {
          const leftOut = plan.dropped.slice(next).flatMap((term): LeftOutTerm[] => {
            const chunks = plan.chunks(term);
            return chunks === undefined ? [] : [{ term, chunks }];
          });
          return this.#rescorer.rescore(query.ownerId, hits, leftOut, limit);
        }
        kept.push(plan.dropped[next] ?? '');
      }
      return run(matchAny(kept), limit);
    });
  }

  /** Resolves once the common terms' counts have been read (done in the background after opening). */
  warm(): Promise<void> {
    return this.#common.firstPass();
  }

  /** Recomputes the common terms' chunk counts (normally done in the background). */
  refreshTermStatistics(): Promise<void> {
    return this.#common.refresh();
  }

  /**
   * Per term, how many of the owner's chunks contain it: one FTS query per term, exact for terms in
   * at most 2,000 chunks of the index (for all terms when `maxPostings` is unbounded). A term in more (known from the common terms' last refresh,
   * within a tenth of the index's size) is estimated as its index-wide count times the owner's share
   * of the index, since counting its long posting list would cost more than the search itself.
   */
  async termStatistics(ownerId: string, terms: readonly string[]): Promise<TermStatistics> {
    const distinct = [...new Set(terms)];
    const { frequencies, rows } = this.#common.current();
    return this.#uow.read(() => {
      const n = this.#ownerChunks.get(ownerId);
      const chunkFrequencies = new Map<string, number>();
      for (const term of distinct) {
        const common = frequencies.get(term) ?? 0;
        if (common > this.#exactCountLimit && rows > 0) {
          chunkFrequencies.set(term, Math.min(n, Math.round((common * n) / rows)));
          continue;
        }
        const match = quoteTerm(term);
        chunkFrequencies.set(
          term,
          term === '' ? 0 : (this.#countTerm.get({ match, owner: ownerId }) as { n: number }).n,
        );
      }
      return { chunkCount: n, chunkFrequencies };
    });
  }

  /** Drops the document's FTS rows and their entries together. */
  async deleteDocument(ownerId: string, documentId: string): Promise<void> {
    await this.#uow.write(() => {
      this.#deleteFts.run(ownerId, documentId);
      this.#deleteEntries.run(ownerId, documentId);
      this.#ownerChunks.forget();
    });
    this.#ownerChunks.forget();
  }
}
