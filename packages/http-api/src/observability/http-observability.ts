import type { Metrics } from '@docent/domain';
import type { MetricsExposition } from './metrics-exposition.ts';
import type { ReadinessProbe } from './readiness-probe.ts';

/** What a composition root gives the HTTP app to observe it. Everything is optional. */
export interface HttpObservability {
  /** Receives the latency of every request (`httpRequestSeconds`). */
  metrics?: Metrics;
  /** Served at `GET /metrics`; without it the route does not exist. */
  exposition?: MetricsExposition;
  /** When set, `GET /metrics` requires `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** The checks of `GET /ready` (none: always ready, like `/health`). */
  probes?: readonly ReadinessProbe[];
  /** How long one probe may take before it counts as failed (default 2,000 ms). */
  probeTimeoutMs?: number;
}
