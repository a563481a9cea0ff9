import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { FailedAttempts, LoginAttempts } from '@docent/domain';
import type { SqliteUnitOfWork } from './sqlite-unit-of-work.ts';

interface AttemptRow {
  failures: number;
  last_failure_ms: number;
}

const toRecord = (row: AttemptRow | undefined): FailedAttempts | null =>
  row === undefined ? null : { failures: row.failures, lastFailureMs: row.last_failure_ms };

/**
 * Failed sign-in counters in the `login_attempts` table, so throttling survives a restart. Each
 * failure is read and counted in one write transaction (atomic); expired rows are deleted as
 * failures arrive, through the expiry index, so the table holds only live counters.
 */
export class SqliteLoginAttempts implements LoginAttempts {
  readonly #uow: SqliteUnitOfWork;
  readonly #select: StatementSync;
  readonly #upsert: StatementSync;
  readonly #delete: StatementSync;
  readonly #deleteExpired: StatementSync;

  constructor(db: DatabaseSync, uow: SqliteUnitOfWork) {
    this.#uow = uow;
    this.#select = db.prepare('SELECT failures, last_failure_ms FROM login_attempts WHERE key = ? AND expires_ms > ?');
    this.#upsert = db.prepare(
      `INSERT INTO login_attempts (key, failures, last_failure_ms, expires_ms) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET
         failures = excluded.failures, last_failure_ms = excluded.last_failure_ms, expires_ms = excluded.expires_ms`,
    );
    this.#delete = db.prepare('DELETE FROM login_attempts WHERE key = ?');
    this.#deleteExpired = db.prepare('DELETE FROM login_attempts WHERE expires_ms <= ?');
  }

  get(key: string, nowMs: number): Promise<FailedAttempts | null> {
    return this.#uow.read(() => toRecord(this.#select.get(key, nowMs) as AttemptRow | undefined));
  }

  recordFailure(key: string, nowMs: number, expiresMs: number): Promise<FailedAttempts | null> {
    return this.#uow.write(() => {
      this.#deleteExpired.run(nowMs);
      const before = toRecord(this.#select.get(key, nowMs) as AttemptRow | undefined);
      this.#upsert.run(key, (before?.failures ?? 0) + 1, nowMs, expiresMs);
      return before;
    });
  }

  async clear(key: string): Promise<void> {
    await this.#uow.write(() => this.#delete.run(key));
  }
}
