import { existsSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import type { SqliteUnitOfWork } from './sqlite-unit-of-work.ts';

/** How often an open store refreshes the planner's statistics (default 10 minutes). */
const DEFAULT_REFRESH_MS = 600_000;
/** Rows ANALYZE reads per index: SQLite's advice (100-1,000) keeps a refresh to milliseconds at any size. */
const ANALYSIS_LIMIT = 1_000;
/**
 * Below this many rows a table gets no statistics: figures taken while a table is tiny say nothing
 * about the table it grows into, and the planner's defaults (a large table) always choose the index.
 */
const MIN_ROWS = 1_000;

/** Stops the refreshes and writes the statistics once more (on close). */
export interface PlannerStatistics {
  stop(): void;
}

interface TableRow {
  name: string;
  type: string;
}

/**
 * The tables whose statistics help the planner: ordinary tables with an index. Virtual tables'
 * shadow tables are left out: FTS5 and sqlite-vec plan their own statements by rowid, and a row
 * count recorded when FTS5's `_data` table held 2 rows made every segment merge scan the whole
 * table (the index grew to gigabytes: ingest slowed tenfold past 100k chunks). sqlite-vec does not
 * mark its tables as shadow tables, so they are known by the virtual table's name as prefix.
 */
const plannedTables = (db: DatabaseSync): string[] => {
  const tables = db
    .prepare("SELECT name, type FROM pragma_table_list WHERE schema = 'main'")
    .all() as unknown as TableRow[];
  const virtual = tables.filter((table) => table.type === 'virtual').map((table) => `${table.name}_`);
  const hasIndex = db.prepare('SELECT 1 FROM pragma_index_list(?)');
  return tables
    .filter((table) => table.type === 'table' && !table.name.startsWith('sqlite_'))
    .filter((table) => !virtual.some((prefix) => table.name.startsWith(prefix)))
    .filter((table) => hasIndex.get(table.name) !== undefined)
    .map((table) => table.name);
};

const quoted = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** ANALYZE (bounded by `analysis_limit`) of every planned table that has at least MIN_ROWS rows. */
const refresh = (db: DatabaseSync): void => {
  for (const table of plannedTables(db)) {
    const { n } = db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM ${quoted(table)} LIMIT ${MIN_ROWS})`).get() as {
      n: number;
    };
    if (n >= MIN_ROWS) db.exec(`ANALYZE ${quoted(table)}`);
  }
};

/**
 * Removes statistics the planner must not use from a store's file before it is opened: those of
 * shadow tables and of tiny tables, as written by `PRAGMA optimize` before this rule (a connection
 * keeps the figures it loaded even when their rows are deleted, so this runs on a connection of
 * its own, before the store's connections load them).
 */
export const forgetMisleadingStatistics = (file: string): void => {
  if (!existsSync(file)) return;
  const db = new DatabaseSync(file);
  try {
    if (db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'").get() === undefined) return;
    const planned = new Set(plannedTables(db));
    const rows = db.prepare('SELECT DISTINCT tbl, stat FROM sqlite_stat1').all() as { tbl: string; stat: string }[];
    const drop = db.prepare('DELETE FROM sqlite_stat1 WHERE tbl = ?');
    for (const row of rows) {
      if (!planned.has(row.tbl) || Number.parseInt(row.stat, 10) < MIN_ROWS) drop.run(row.tbl);
    }
  } finally {
    db.close();
  }
};

/**
 * Keeps the query planner's statistics current on a connection that lives as long as the server:
 * on open, every `refreshMs`, and on close (`stop`). Statistics written only on close left a store
 * filled since it was opened planned blind until the next restart. Each refresh runs inside the
 * unit of work's write queue, never inside another caller's transaction, and costs milliseconds
 * at any size (at most ANALYSIS_LIMIT rows per index).
 */
export const keepPlannerStatistics = (
  db: DatabaseSync,
  uow: SqliteUnitOfWork,
  refreshMs: number = DEFAULT_REFRESH_MS,
): PlannerStatistics => {
  db.exec(`PRAGMA analysis_limit = ${ANALYSIS_LIMIT}`);
  refresh(db);
  const timer = setInterval(() => {
    // A failed refresh (store busy past the timeout) costs nothing: the next one or close retries.
    uow.write(() => refresh(db)).catch(() => undefined);
  }, refreshMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      refresh(db);
    },
  };
};
