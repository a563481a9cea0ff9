import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { LexicalEntry, LexicalIndex, LexicalQuery, ScoredChunk, TermStatistics } from '@docent/domain';
import { analyzeText } from '@docent/domain';
import { checkLimit } from './page-cursor.ts';
import { SaturatedTerms } from './saturated-terms.ts';
import type { SqliteUnitOfWork } from './sqlite-unit-of-work.ts';

/** BM25 column weights for body, heading and title: a match in a heading or file name says more. */
const WEIGHTS = { body: 1, heading: 2, title: 2 } as const;

/**
 * The domain's terms joined by spaces. FTS5's tokenizer (unicode61, `-_.:/` kept inside tokens,
 * no diacritic folding) splits this back into exactly those terms, so tokenisation stays the domain's.
 */
const analyzed = (text: string | undefined): string => (text === undefined ? '' : analyzeText(text).join(' '));

/** An FTS5 query matching any of the terms, each quoted so `-`, `:` and the like are never operators. */
const matchAny = (terms: readonly string[]): string =>
  terms.map((term) => `"${term.replaceAll('"', '""')}"`).join(' OR ');

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
  readonly #deleteFts: StatementSync;
  readonly #deleteEntries: StatementSync;
  readonly #countChunks: StatementSync;
  readonly #countTerm: StatementSync;
  readonly #saturated: SaturatedTerms;

  constructor(db: DatabaseSync, uow: SqliteUnitOfWork) {
    this.#uow = uow;
    this.#saturated = new SaturatedTerms(db, uow);
    this.#upsertEntry = db.prepare(
      `INSERT INTO lexical_entries (chunk_id, owner_id, document_id) VALUES (?, ?, ?)
       ON CONFLICT (chunk_id) DO UPDATE SET owner_id = excluded.owner_id, document_id = excluded.document_id
       RETURNING entry_id`,
    );
    this.#replaceFts = db.prepare(
      'INSERT OR REPLACE INTO lexical_fts (rowid, body, heading, title) VALUES (?, ?, ?, ?)',
    );
    // bm25() is lower-is-better, so the score is its negation. The document filter is skipped when
    // the ids parameter is NULL; ties fall back to chunk id so results are deterministic.
    this.#search = db.prepare(
      `SELECT e.chunk_id AS chunkId, e.document_id AS documentId,
              -bm25(lexical_fts, ${WEIGHTS.body}, ${WEIGHTS.heading}, ${WEIGHTS.title}) AS score
       FROM lexical_fts JOIN lexical_entries AS e ON e.entry_id = lexical_fts.rowid
       WHERE lexical_fts MATCH :match AND e.owner_id = :owner
         AND (:documents IS NULL OR e.document_id IN (SELECT value FROM json_each(:documents)))
       ORDER BY score DESC, e.chunk_id
       LIMIT :limit`,
    );
    this.#deleteFts = db.prepare(
      'DELETE FROM lexical_fts WHERE rowid IN (SELECT entry_id FROM lexical_entries WHERE owner_id = ? AND document_id = ?)',
    );
    this.#deleteEntries = db.prepare('DELETE FROM lexical_entries WHERE owner_id = ? AND document_id = ?');
    this.#countChunks = db.prepare('SELECT count(*) AS n FROM lexical_entries WHERE owner_id = ?');
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
    });
  }

  /**
   * Chunks of the owner (and of `documentIds`, when given) matching any query term, best first.
   * Terms in most of the corpus are left out of the MATCH when the other terms alone still fill
   * `limit`: bm25() scores such a term ~1e-6 (see `SaturatedTerms`), so the same chunks come back with
   * scores lower by at most a few millionths (only exact ties can swap), while the query skips the
   * longest posting lists (measured in docs/performance.md). Otherwise every term is matched.
   */
  async search(query: LexicalQuery): Promise<ScoredChunk[]> {
    const limit = checkLimit(query.limit);
    const terms = [...new Set(analyzeText(query.text))];
    if (terms.length === 0 || query.documentIds?.length === 0) return [];
    const documents = query.documentIds === undefined ? null : JSON.stringify(query.documentIds);
    const run = (match: string) =>
      (this.#search.all({ match, owner: query.ownerId, documents, limit }) as unknown as ScoredChunk[]).map((hit) => ({
        chunkId: hit.chunkId,
        documentId: hit.documentId,
        score: hit.score,
      }));
    const saturated = this.#saturated.current();
    const informative = terms.filter((term) => !saturated.has(term));
    return this.#uow.read(() => {
      if (informative.length > 0 && informative.length < terms.length) {
        const hits = run(matchAny(informative));
        if (hits.length >= limit) return hits;
      }
      return run(matchAny(terms));
    });
  }

  /** Recomputes which terms are too common to search for (normally done in the background). */
  refreshTermStatistics(): Promise<void> {
    return this.#saturated.refresh();
  }

  /** Per term, how many of the owner's chunks contain it (one small FTS query per distinct term). */
  async termStatistics(ownerId: string, terms: readonly string[]): Promise<TermStatistics> {
    const distinct = [...new Set(terms)];
    return this.#uow.read(() => {
      const { n } = this.#countChunks.get(ownerId) as { n: number };
      const chunkFrequencies = new Map<string, number>();
      for (const term of distinct) {
        const match = `"${term.replaceAll('"', '""')}"`;
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
    });
  }
}
