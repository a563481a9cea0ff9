import type { CounterName, HistogramName, LabelsOf, MetricName, Metrics } from '@docent/domain';

/** One call made on a `RecordingMetrics`. */
export interface RecordedMetric {
  kind: 'increment' | 'observe';
  name: MetricName;
  labels: Record<string, string>;
  value: number;
}

/** A `Metrics` that keeps every call, for tests of what gets recorded. */
export class RecordingMetrics implements Metrics {
  readonly calls: RecordedMetric[] = [];

  increment<N extends CounterName>(name: N, labels: LabelsOf<N>, by = 1): void {
    this.calls.push({ kind: 'increment', name, labels, value: by });
  }

  observe<N extends HistogramName>(name: N, value: number, labels: LabelsOf<N>): void {
    this.calls.push({ kind: 'observe', name, labels, value });
  }

  /** The calls for one metric. */
  of(name: MetricName): RecordedMetric[] {
    return this.calls.filter((call) => call.name === name);
  }
}
