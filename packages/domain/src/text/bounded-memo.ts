/**
 * Remembers `compute(key)` for the last `maxEntries` keys used (least recently used out first), for
 * pure functions of a text that an ask would otherwise recompute for the same passages again and
 * again. Because the value depends on the key alone, nothing ever needs invalidating: a changed
 * document has new texts, hence new keys, and old keys simply age out. `maxEntries` of 0 keeps
 * nothing (every call computes).
 */
export class BoundedMemo<K, V> {
  readonly #compute: (key: K) => V;
  readonly #maxEntries: number;
  readonly #values = new Map<K, V>();

  constructor(maxEntries: number, compute: (key: K) => V) {
    this.#maxEntries = maxEntries;
    this.#compute = compute;
  }

  /** Entries held now. */
  get size(): number {
    return this.#values.size;
  }

  /** The value for `key`, computed on a miss; the key becomes the most recently used. */
  get(key: K): V {
    if (this.#values.has(key)) {
      const value = this.#values.get(key) as V;
      this.#values.delete(key);
      this.#values.set(key, value);
      return value;
    }
    const value = this.#compute(key);
    if (this.#maxEntries <= 0) return value;
    this.#values.set(key, value);
    if (this.#values.size > this.#maxEntries) {
      const oldest = this.#values.keys().next();
      if (!oldest.done) this.#values.delete(oldest.value);
    }
    return value;
  }
}
