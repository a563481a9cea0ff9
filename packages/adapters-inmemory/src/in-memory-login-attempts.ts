import type { FailedAttempts, LoginAttempts } from '@docent/domain';

interface Entry extends FailedAttempts {
  expiresMs: number;
}

/**
 * Failed sign-in counters in a Map, for tests and single-process use. Expired entries are dropped
 * when touched and swept now and then, so a stream of one-off keys cannot grow the map forever.
 */
export class InMemoryLoginAttempts implements LoginAttempts {
  readonly #entries = new Map<string, Entry>();
  #writesSinceSweep = 0;

  async get(key: string, nowMs: number): Promise<FailedAttempts | null> {
    return this.#live(key, nowMs);
  }

  async recordFailure(key: string, nowMs: number, expiresMs: number): Promise<FailedAttempts | null> {
    this.#sweep(nowMs);
    const before = this.#live(key, nowMs);
    this.#entries.set(key, { failures: (before?.failures ?? 0) + 1, lastFailureMs: nowMs, expiresMs });
    return before;
  }

  async clear(key: string): Promise<void> {
    this.#entries.delete(key);
  }

  #live(key: string, nowMs: number): FailedAttempts | null {
    const entry = this.#entries.get(key);
    if (entry === undefined) return null;
    if (entry.expiresMs <= nowMs) {
      this.#entries.delete(key);
      return null;
    }
    return { failures: entry.failures, lastFailureMs: entry.lastFailureMs };
  }

  // Every 1,000 writes, a pass over the map: amortised constant work per failure.
  #sweep(nowMs: number): void {
    if (++this.#writesSinceSweep < 1000) return;
    this.#writesSinceSweep = 0;
    for (const [key, entry] of this.#entries) if (entry.expiresMs <= nowMs) this.#entries.delete(key);
  }
}
