import type { DatabaseSync } from 'node:sqlite';

/** A b-tree of the database file: a table (FTS5's and sqlite-vec's shadow tables included) or an index. */
export interface BtreeRoot {
  name: string;
  rootPage: number;
}

/**
 * The tables every question reads, most read first (measured at 100k chunks: after a question
 * stream from a cold page cache, these were wholly resident and the rest of the file ~10%, mostly
 * the kernel's read-ahead; docs/adr/0030-warm-start.md):
 * - FTS5's term index, its postings and per-row lengths, and the row -> chunk map: every BM25 search;
 * - `vector_entries`: every dense hit is checked against the live rows;
 * - `chunks` and `documents`: the evidence's text, and BM25's rescoring of its candidates.
 * Not here: sqlite-vec's tables (`vector_items_*`), which only the exact scan of small owners and
 * the graph's catch-up read: they come in with the whole file when it fits the budget.
 */
export const QUESTION_TABLES = [
  'lexical_fts_idx',
  'lexical_fts_data',
  'lexical_fts_docsize',
  'lexical_entries',
  'vector_entries',
  'chunks',
  'documents',
] as const;

/**
 * The b-trees to pre-read, in order: the question tables, then their indexes in the same order
 * (an index is looked up by few questions, e.g. `vector_entries_by_owner` when routing a search).
 */
export const prewarmOrder = (db: DatabaseSync): BtreeRoot[] => {
  const rows = db
    .prepare(
      `SELECT type, name, tbl_name AS tableName, rootpage AS rootPage FROM sqlite_schema
       WHERE rootpage > 0 AND type IN ('table', 'index') ORDER BY rowid`,
    )
    .all() as Array<{ type: string; name: string; tableName: string; rootPage: number }>;
  const of = (type: string) =>
    QUESTION_TABLES.flatMap((table) =>
      rows
        .filter((row) => row.type === type && row.tableName === table)
        .map(({ name, rootPage }) => ({ name, rootPage })),
    );
  return [...of('table'), ...of('index')];
};
