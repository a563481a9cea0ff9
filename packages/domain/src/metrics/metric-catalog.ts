/** What a metric records: a running total, a distribution of observations, or a sampled level. */
export type MetricKind = 'counter' | 'histogram' | 'gauge';

/** How one business metric is exported, whatever the backend (Prometheus locally, CloudWatch EMF on Lambda). */
export interface MetricDefinition {
  /** Counters only go up; histograms keep a distribution; gauges are sampled when scraped. */
  readonly kind: MetricKind;
  /** The Prometheus name (snake case, `_total` for counters, base unit in the name). */
  readonly name: string;
  /** One sentence for the exposition's `# HELP` line. */
  readonly help: string;
  /**
   * Label names. Only closed sets of values belong here (stages, reason codes, route patterns):
   * never user ids, emails or document names, which would leak and explode cardinality.
   */
  readonly labels: readonly string[];
  /** The unit CloudWatch shows. */
  readonly unit: 'Seconds' | 'Count';
  /** Histogram bucket upper bounds, in `unit`. */
  readonly buckets?: readonly number[];
}

/** Latencies of requests and questions: 5 ms to 30 s. */
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] as const;
/** Processing stages: 10 ms (a small text) to an hour (the 20 MB file of issue 13 took 78 min to embed). */
const STAGE_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600] as const;

/**
 * Every business metric of Docent, keyed by the name callers use. One table, so the Prometheus and
 * EMF adapters export the same set and a metric cannot be recorded under a label it does not declare.
 */
export const METRIC_CATALOG = {
  documentsUploaded: {
    kind: 'counter',
    name: 'docent_documents_uploaded_total',
    help: 'Documents accepted (created in the uploaded state).',
    labels: [],
    unit: 'Count',
  },
  documentsProcessed: {
    kind: 'counter',
    name: 'docent_documents_processed_total',
    help: 'Documents that reached the ready state.',
    labels: [],
    unit: 'Count',
  },
  documentsFailed: {
    kind: 'counter',
    name: 'docent_documents_failed_total',
    help: 'Documents that ended failed, by reason code.',
    labels: ['reason'],
    unit: 'Count',
  },
  processingStageSeconds: {
    kind: 'histogram',
    name: 'docent_processing_stage_seconds',
    help: 'Time a document spent in each processing stage.',
    labels: ['stage'],
    unit: 'Seconds',
    buckets: STAGE_BUCKETS,
  },
  jobsFinished: {
    kind: 'counter',
    name: 'docent_jobs_finished_total',
    help: 'Background job runs by outcome (done, retrying, dead) and failure code (none when done).',
    labels: ['outcome', 'code'],
    unit: 'Count',
  },
  questionsAsked: {
    kind: 'counter',
    name: 'docent_questions_total',
    help: 'Questions answered (abstentions included).',
    labels: [],
    unit: 'Count',
  },
  questionsAbstained: {
    kind: 'counter',
    name: 'docent_abstentions_total',
    help: 'Questions answered with "not found in your documents".',
    labels: [],
    unit: 'Count',
  },
  askSeconds: {
    kind: 'histogram',
    name: 'docent_ask_seconds',
    help: 'Time to answer a question, retrieval and answering included.',
    labels: [],
    unit: 'Seconds',
    buckets: REQUEST_BUCKETS,
  },
  embeddedTexts: {
    kind: 'counter',
    name: 'docent_embedded_texts_total',
    help: 'Texts embedded, by purpose (query or passage).',
    labels: ['purpose'],
    unit: 'Count',
  },
  embeddingSeconds: {
    kind: 'counter',
    name: 'docent_embedding_seconds_total',
    help: 'Time spent embedding, by purpose; texts / seconds is the throughput.',
    labels: ['purpose'],
    unit: 'Seconds',
  },
  httpRequestSeconds: {
    kind: 'histogram',
    name: 'docent_http_request_seconds',
    help: 'HTTP request latency by route pattern, method and status class.',
    labels: ['route', 'method', 'status_class'],
    unit: 'Seconds',
    buckets: REQUEST_BUCKETS,
  },
  queueDepth: {
    kind: 'gauge',
    name: 'docent_queue_depth',
    help: 'Documents waiting to be processed, sampled at scrape time.',
    labels: [],
    unit: 'Count',
  },
} as const satisfies Record<string, MetricDefinition>;

type Catalog = typeof METRIC_CATALOG;

/** Any metric of the catalog. */
export type MetricName = keyof Catalog;

type NamesOfKind<K extends MetricKind> = { [N in MetricName]: Catalog[N]['kind'] extends K ? N : never }[MetricName];

/** Metrics recorded with `Metrics.increment`. */
export type CounterName = NamesOfKind<'counter'>;

/** Metrics recorded with `Metrics.observe`. */
export type HistogramName = NamesOfKind<'histogram'>;

/** Metrics sampled by the exporting adapter when it is read (no call records them). */
export type GaugeName = NamesOfKind<'gauge'>;

/** Exactly the labels a metric declares, each with a value. */
export type LabelsOf<N extends MetricName> = { readonly [L in Catalog[N]['labels'][number]]: string };
