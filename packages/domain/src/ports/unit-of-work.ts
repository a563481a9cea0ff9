/**
 * Runs writes that belong together atomically where the backend can (one SQLite transaction).
 * The work must await only the ports' own calls, never outside I/O such as embedding, so that
 * nothing else interleaves on a single-connection store.
 */
export interface UnitOfWork {
  /** Runs `work`; if it throws, its writes are rolled back where the backend supports it. */
  run<T>(work: () => Promise<T>): Promise<T>;
}
