import { AsyncLocalStorage } from 'node:async_hooks';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { UnitOfWork } from '@docent/domain';
import { toDocentError } from './sqlite-errors.ts';

interface OpenTransaction {
  readonly owner: symbol;
  readonly finished: Promise<void>;
}

/**
 * Transactions on the store's single connection. `run` holds one `BEGIN IMMEDIATE` transaction
 * across the awaits of its work; nested `run` calls join it. Because every statement of every
 * adapter goes through `read` or `write`, calls from outside the open transaction (another
 * request) wait until it ends instead of slipping into it, so a rollback never takes their
 * writes along and they never see uncommitted rows.
 */
export class SqliteUnitOfWork implements UnitOfWork {
  readonly #db: DatabaseSync;
  readonly #context = new AsyncLocalStorage<symbol>();
  readonly #begin: StatementSync;
  readonly #commit: StatementSync;
  readonly #rollback: StatementSync;
  readonly #savepoint: StatementSync;
  readonly #release: StatementSync;
  readonly #rollbackToSavepoint: StatementSync;
  #open: OpenTransaction | null = null;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#begin = db.prepare('BEGIN IMMEDIATE');
    this.#commit = db.prepare('COMMIT');
    this.#rollback = db.prepare('ROLLBACK');
    this.#savepoint = db.prepare('SAVEPOINT docent_write');
    this.#release = db.prepare('RELEASE docent_write');
    this.#rollbackToSavepoint = db.prepare('ROLLBACK TO docent_write');
  }

  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#insideOpen()) return work();
    for (let other = this.#blocker(); other !== null; other = this.#blocker()) await other;
    let finish = (): void => {};
    const owner = Symbol('transaction');
    this.#open = { owner, finished: new Promise<void>((resolve) => (finish = resolve)) };
    try {
      this.#control(this.#begin);
      const result = await this.#context.run(owner, work);
      this.#control(this.#commit);
      return result;
    } catch (error) {
      if (this.#db.isOpen && this.#db.isTransaction) this.#rollback.run();
      throw error;
    } finally {
      this.#open = null;
      finish();
    }
  }

  /** Runs synchronous reads once no other caller's transaction is open. */
  async read<T>(statements: () => T): Promise<T> {
    for (let other = this.#blocker(); other !== null; other = this.#blocker()) await other;
    return this.#exec(statements);
  }

  /**
   * Runs synchronous writes atomically: in their own transaction, or inside the caller's open one
   * under a savepoint, so a failing write never leaves half its rows behind.
   */
  async write<T>(statements: () => T): Promise<T> {
    for (let other = this.#blocker(); other !== null; other = this.#blocker()) await other;
    const inside = this.#open !== null;
    this.#control(inside ? this.#savepoint : this.#begin);
    try {
      const result = this.#exec(statements);
      this.#control(inside ? this.#release : this.#commit);
      return result;
    } catch (error) {
      if (inside) {
        this.#rollbackToSavepoint.run();
        this.#release.run();
      } else if (this.#db.isTransaction) {
        this.#rollback.run();
      }
      throw error;
    }
  }

  #insideOpen(): boolean {
    return this.#open !== null && this.#context.getStore() === this.#open.owner;
  }

  /**
   * The end of another caller's open transaction, or null when the caller may go ahead. Callers
   * loop on it with no other await between the last check and their statements, so nothing can
   * open a transaction in between.
   */
  #blocker(): Promise<void> | null {
    return this.#open !== null && !this.#insideOpen() ? this.#open.finished : null;
  }

  #exec<T>(statements: () => T): T {
    try {
      return statements();
    } catch (error) {
      throw toDocentError(error);
    }
  }

  #control(statement: StatementSync): void {
    this.#exec(() => statement.run());
  }
}
