/** A source of the Prometheus text served at `GET /metrics` (the local server's PrometheusMetrics). */
export interface MetricsExposition {
  /** The current values in the text exposition format, and its content type. */
  scrape(): Promise<{ contentType: string; body: string }>;
}
