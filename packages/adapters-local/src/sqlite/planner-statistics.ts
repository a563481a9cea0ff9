import type { DatabaseSync } from 'node:sqlite';
import type { SqliteUnitOfWork } from './sqlite-unit-of-work.ts';

/** How often an open store lets SQLite refresh the planner's statistics (default 10 minutes). */
const DEFAULT_REFRESH_MS = 600_000;
/** Rows ANALYZE reads per index: SQLite's advice (100-1,000) keeps a refresh to milliseconds at any size. */
const ANALYSIS_LIMIT = 1_000;

/** Stops the refreshes; the caller runs the last `PRAGMA optimize` itself on close. */
export interface PlannerStatistics {
  stop(): void;
}

/**
 * Keeps the query planner's statistics current on a connection that lives as long as the server,
 * as SQLite advises (`PRAGMA optimize=0x10002` on open, `PRAGMA optimize` periodically): statistics
 * were written only on close, so a store filled since it was opened was planned blind until the next
 * restart. A refresh only analyses tables whose size moved a lot, so most are no-ops; each runs
 * inside the unit of work's write queue, never inside another caller's transaction.
 */
export const keepPlannerStatistics = (
  db: DatabaseSync,
  uow: SqliteUnitOfWork,
  refreshMs: number = DEFAULT_REFRESH_MS,
): PlannerStatistics => {
  db.exec(`PRAGMA analysis_limit = ${ANALYSIS_LIMIT}`);
  db.exec('PRAGMA optimize = 0x10002');
  const timer = setInterval(() => {
    // A failed refresh (store busy past the timeout) costs nothing: the next one or close retries.
    uow.write(() => db.exec('PRAGMA optimize')).catch(() => undefined);
  }, refreshMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
};
