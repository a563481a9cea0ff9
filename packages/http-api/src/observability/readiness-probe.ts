/**
 * One check of `GET /ready`, given by the composition root (the store takes writes, the embedder
 * answers, the worker is alive). Kept beside the HTTP app: readiness is a concern of serving, not
 * of the domain.
 */
export interface ReadinessProbe {
  /** Short stable name shown in the report, e.g. `store`. */
  readonly name: string;
  /** Resolves when the dependency is usable; throws (with a short, non-secret message) when not. */
  check(): Promise<void>;
}
