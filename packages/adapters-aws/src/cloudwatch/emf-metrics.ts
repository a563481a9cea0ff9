import {
  type CounterName,
  type HistogramName,
  type LabelsOf,
  METRIC_CATALOG,
  type MetricName,
  type Metrics,
} from '@docent/domain';

/** Options of `EmfMetrics`. */
export interface EmfMetricsOptions {
  /** The CloudWatch namespace (default `Docent`). */
  namespace?: string;
  /** Added to every line as the `service` dimension (default `docent`). */
  service?: string;
  /** Receives each line without its newline (default: stdout, which Lambda ships to CloudWatch Logs). */
  write?: (line: string) => void;
  /** Milliseconds since the epoch stamped on each line (default `Date.now`). */
  now?: () => number;
}

/** CloudWatch takes at most 100 values of one metric per line. */
const MAX_VALUES_PER_LINE = 100;

interface Pending {
  name: MetricName;
  labels: Record<string, string>;
  /** One running total for a counter; each observation for a histogram. */
  values: number[];
}

/** `documentsFailed` -> `DocumentsFailed`: CloudWatch metric names in the Lambda's usual style. */
export const emfMetricName = (name: MetricName): string => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * The `Metrics` port as CloudWatch Embedded Metric Format: records are kept in memory and `flush`
 * writes one JSON line per metric and label set (labels become dimensions next to `service`).
 * CloudWatch extracts the metrics from the log lines, so Lambda needs no API call and no agent.
 * The Lambda handlers flush at the end of each invocation.
 */
export class EmfMetrics implements Metrics {
  readonly #namespace: string;
  readonly #service: string;
  readonly #write: (line: string) => void;
  readonly #now: () => number;
  readonly #pending = new Map<string, Pending>();

  constructor(options: EmfMetricsOptions = {}) {
    this.#namespace = options.namespace ?? 'Docent';
    this.#service = options.service ?? 'docent';
    this.#write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
    this.#now = options.now ?? Date.now;
  }

  /** Adds to the counter's total of this invocation. */
  increment<N extends CounterName>(name: N, labels: LabelsOf<N>, by = 1): void {
    const pending = this.#entry(name, labels);
    pending.values[0] = (pending.values[0] ?? 0) + by;
  }

  /** Keeps the observation; CloudWatch builds the distribution from the values. */
  observe<N extends HistogramName>(name: N, value: number, labels: LabelsOf<N>): void {
    this.#entry(name, labels).values.push(value);
  }

  /** Writes what was recorded since the last flush and forgets it; writes nothing when nothing was. */
  flush(): void {
    const timestamp = this.#now();
    for (const { name, labels, values } of this.#pending.values()) {
      for (let from = 0; from < values.length; from += MAX_VALUES_PER_LINE) {
        const slice = values.slice(from, from + MAX_VALUES_PER_LINE);
        this.#write(JSON.stringify(this.#line(name, labels, slice, timestamp)));
      }
    }
    this.#pending.clear();
  }

  #line(name: MetricName, labels: Record<string, string>, values: number[], timestamp: number) {
    const metricName = emfMetricName(name);
    return {
      _aws: {
        Timestamp: timestamp,
        CloudWatchMetrics: [
          {
            Namespace: this.#namespace,
            Dimensions: [['service', ...Object.keys(labels)]],
            Metrics: [{ Name: metricName, Unit: METRIC_CATALOG[name].unit }],
          },
        ],
      },
      ...labels,
      service: this.#service,
      [metricName]: values.length === 1 ? values[0] : values,
    };
  }

  #entry(name: MetricName, labels: Record<string, string>): Pending {
    const key = JSON.stringify([name, labels]);
    let pending = this.#pending.get(key);
    if (pending === undefined) {
      pending = { name, labels: { ...labels }, values: [] };
      this.#pending.set(key, pending);
    }
    return pending;
  }
}
