import type { Metrics } from '../ports/metrics.ts';

/** Metrics that go nowhere: the default when a root exports none (tests, library use). */
export const noMetrics: Metrics = {
  increment: () => undefined,
  observe: () => undefined,
};
