import type { Clock } from '@docent/domain';

/** Options of `ExpiringStore`. */
export interface ExpiringStoreOptions {
  clock: Clock;
  /** How long an entry can be taken after it was put. */
  ttlMs: number;
  /** Past this many live entries the oldest is dropped, so a flood of logins cannot exhaust memory. */
  maxEntries: number;
}

/**
 * Short-lived, single-use values in this process's memory: each can be taken once, before it
 * expires. Fine for one server; several instances behind a load balancer need a shared store
 * instead (the callback may reach another instance than the one that started the login).
 */
export class ExpiringStore<T> {
  readonly #entries = new Map<string, { value: T; expiresAt: number }>();
  readonly #options: ExpiringStoreOptions;

  constructor(options: ExpiringStoreOptions) {
    this.#options = options;
  }

  /** Stores `value` under `key`, replacing an earlier value of that key. */
  put(key: string, value: T): void {
    const now = this.#options.clock.now().getTime();
    this.#sweep(now);
    this.#entries.delete(key);
    if (this.#entries.size >= this.#options.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, { value, expiresAt: now + this.#options.ttlMs });
  }

  /** Removes and returns the value of `key`; undefined when unknown, already taken or expired. */
  take(key: string): T | undefined {
    const entry = this.#entries.get(key);
    this.#entries.delete(key);
    if (entry === undefined || entry.expiresAt <= this.#options.clock.now().getTime()) return undefined;
    return entry.value;
  }

  /** Live and not yet swept entries. */
  get size(): number {
    return this.#entries.size;
  }

  // Every entry lives equally long, so insertion order is expiry order: stop at the first live one.
  #sweep(now: number): void {
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt > now) return;
      this.#entries.delete(key);
    }
  }
}
