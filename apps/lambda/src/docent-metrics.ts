import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * The invocation metrics of the Lambda handlers, as CloudWatch metric names (EMF). The business
 * metrics (documents processed and failed, questions, abstentions...) come from the domain's
 * catalog through `EmfMetrics`, in the same namespace.
 */
export const METRIC_NAMES = {
  documentProcessingErrors: 'DocumentProcessingErrors',
  stuckDocumentsRequeued: 'StuckDocumentsRequeued',
  stuckDocumentsFailed: 'StuckDocumentsFailed',
} as const;

/**
 * Counts what only the handlers know (a processing run that threw, a cold start) on a Powertools
 * `Metrics`, which writes them to stdout in the Embedded Metric Format for CloudWatch to extract.
 */
export class DocentMetrics {
  readonly #metrics: Metrics;

  constructor(metrics: Metrics) {
    this.#metrics = metrics;
  }

  /** Processing runs that threw (throttling, an outage, a bug). */
  documentProcessingErrors(count: number): void {
    this.#count(METRIC_NAMES.documentProcessingErrors, count);
  }

  /** What a sweep did: stuck documents queued again, and those marked failed. */
  stuckDocuments(requeued: number, failed: number): void {
    this.#count(METRIC_NAMES.stuckDocumentsRequeued, requeued);
    this.#count(METRIC_NAMES.stuckDocumentsFailed, failed);
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
