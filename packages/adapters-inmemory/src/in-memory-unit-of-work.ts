import { AsyncLocalStorage } from 'node:async_hooks';
import type { UnitOfWork } from '@docent/domain';
import type { Snapshottable } from './snapshottable.ts';

/**
 * Atomic writes over in-memory stores: each unit snapshots the stores it was given and restores
 * them if the work throws. Units run one at a time, so a rollback never erases another unit's
 * writes; a unit started inside another joins it with its own savepoint instead of waiting for it
 * (which would deadlock). Writes made outside any unit while one runs are not isolated from it.
 */
export class InMemoryUnitOfWork implements UnitOfWork {
  private readonly stores: readonly Snapshottable[];
  private readonly insideUnit = new AsyncLocalStorage<true>();
  private tail: Promise<void> = Promise.resolve();

  constructor(stores: readonly Snapshottable[]) {
    this.stores = stores;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.insideUnit.getStore() === true) return this.attempt(work);
    const previous = this.tail;
    let release: () => void = () => {};
    this.tail = new Promise((resolve) => {
      release = resolve;
    });
    await previous;
    try {
      return await this.insideUnit.run(true, () => this.attempt(work));
    } finally {
      release();
    }
  }

  private async attempt<T>(work: () => Promise<T>): Promise<T> {
    const restores = this.stores.map((store) => store.snapshot());
    try {
      return await work();
    } catch (error) {
      for (const restore of restores) restore();
      throw error;
    }
  }
}
