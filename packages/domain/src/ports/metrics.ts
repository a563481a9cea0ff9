import type { CounterName, HistogramName, LabelsOf } from '../metrics/metric-catalog.ts';

/**
 * Records business metrics of the catalog (`METRIC_CATALOG`). Calls never throw and never wait:
 * metrics must not fail or slow the work they describe. Prometheus locally, CloudWatch EMF on
 * Lambda, `noMetrics` when nothing is exported.
 */
export interface Metrics {
  /** Adds `by` (default 1) to a counter under these label values. */
  increment<N extends CounterName>(name: N, labels: LabelsOf<N>, by?: number): void;
  /** Records one observation of a histogram (in the metric's unit, seconds for durations). */
  observe<N extends HistogramName>(name: N, value: number, labels: LabelsOf<N>): void;
}
