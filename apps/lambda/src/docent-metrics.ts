import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/** The business metrics of Docent, as CloudWatch metric names (EMF). */
export const METRIC_NAMES = {
  documentsProcessed: 'DocumentsProcessed',
  documentsRejected: 'DocumentsRejected',
  documentProcessingErrors: 'DocumentProcessingErrors',
  questionsAnswered: 'QuestionsAnswered',
} as const;

/**
 * Counts Docent's business events on a Powertools `Metrics`, which writes them to stdout in the
 * Embedded Metric Format for CloudWatch to extract. Deliberately no domain port: only the Lambda
 * root emits metrics, and it knows the outcomes from its handlers' results.
 */
export class DocentMetrics {
  readonly #metrics: Metrics;

  constructor(metrics: Metrics) {
    this.#metrics = metrics;
  }

  /** Documents that reached `ready`. */
  documentsProcessed(count: number): void {
    this.#count(METRIC_NAMES.documentsProcessed, count);
  }

  /** Documents whose bytes were refused or could not be read (they end `failed` with a reason code). */
  documentsRejected(count: number): void {
    this.#count(METRIC_NAMES.documentsRejected, count);
  }

  /** Processing runs that threw (throttling, an outage, a bug). */
  documentProcessingErrors(count: number): void {
    this.#count(METRIC_NAMES.documentProcessingErrors, count);
  }

  /** Questions answered successfully. */
  questionAnswered(): void {
    this.#count(METRIC_NAMES.questionsAnswered, 1);
  }

  /** Records the `ColdStart` metric on the first invocation of the container only. */
  coldStart(): void {
    this.#metrics.captureColdStartMetric();
  }

  /** Writes what was counted in this invocation (one EMF line) and starts afresh. */
  publish(): void {
    // Most API requests count nothing: they write nothing, rather than Powertools' "no metrics" warning.
    if (this.#metrics.hasStoredMetrics()) this.#metrics.publishStoredMetrics();
  }

  #count(name: string, count: number): void {
    // Zero counts are written too, so a quiet period shows as 0 rather than a gap in the graph.
    this.#metrics.addMetric(name, MetricUnit.Count, count);
  }
}
