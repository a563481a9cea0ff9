import {
  type CounterName,
  type GaugeName,
  type HistogramName,
  type LabelsOf,
  METRIC_CATALOG,
  type MetricName,
  type Metrics,
} from '@docent/domain';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Options of `PrometheusMetrics`. */
export interface PrometheusMetricsOptions {
  /**
   * Samplers of the catalog's gauges, read at each scrape (e.g. `queueDepth`). A gauge without a
   * sampler is not exported, rather than exported as a misleading 0.
   */
  gauges?: Partial<Record<GaugeName, () => Promise<number>>>;
  /** Also export Node's process metrics: CPU, resident memory, heap, event-loop lag (default true). */
  processMetrics?: boolean;
}

/** One scrape: the text and its content type. */
export interface MetricsScrape {
  contentType: string;
  body: string;
}

/**
 * The `Metrics` port over prom-client, with its own registry (never the global one, so two
 * servers in one process, as in tests, do not share counts). `scrape` renders the Prometheus
 * text format for `GET /metrics`.
 */
export class PrometheusMetrics implements Metrics {
  readonly #registry = new Registry();
  readonly #counters = new Map<MetricName, Counter>();
  readonly #histograms = new Map<MetricName, Histogram>();

  constructor(options: PrometheusMetricsOptions = {}) {
    for (const [key, definition] of Object.entries(METRIC_CATALOG)) {
      const common = {
        name: definition.name,
        help: definition.help,
        labelNames: [...definition.labels],
        registers: [this.#registry],
      };
      if (definition.kind === 'counter') this.#counters.set(key as MetricName, new Counter(common));
      else if (definition.kind === 'histogram') {
        this.#histograms.set(key as MetricName, new Histogram({ ...common, buckets: [...definition.buckets] }));
      } else {
        const sample = options.gauges?.[key as GaugeName];
        if (sample !== undefined) new Gauge({ ...common, collect: sampler(sample) });
      }
    }
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.#registry });
  }

  /** Adds to a counter. */
  increment<N extends CounterName>(name: N, labels: LabelsOf<N>, by = 1): void {
    this.#counters.get(name)?.inc(labels, by);
  }

  /** Records one observation of a histogram. */
  observe<N extends HistogramName>(name: N, value: number, labels: LabelsOf<N>): void {
    this.#histograms.get(name)?.observe(labels, value);
  }

  /** The current values in the Prometheus text exposition format. */
  async scrape(): Promise<MetricsScrape> {
    return { contentType: this.#registry.contentType, body: await this.#registry.metrics() };
  }
}

/**
 * A gauge's `collect` hook: a failing sampler keeps the last value instead of failing the whole
 * scrape (a store hiccup must not blind every other metric).
 */
const sampler = (sample: () => Promise<number>) =>
  async function collect(this: Gauge): Promise<void> {
    try {
      this.set(await sample());
    } catch {
      // Keep the previous value; the scrape carries on.
    }
  };
