import { z } from 'zod';

/** What the local server exposes about itself: `/metrics`, and how `/ready` judges the worker. */
export interface ObservabilityConfig {
  /** Serve `GET /metrics` (Prometheus). */
  metrics: boolean;
  /** When set, `GET /metrics` requires it as a bearer token. */
  metricsToken?: string;
  /** `/ready` fails when the idle job worker has not polled for this long. */
  workerStallMs: number;
}

/** The observability settings; merged into the server's one schema. */
export const observabilitySchema = {
  DOCENT_METRICS: z.enum(['true', 'false']).default('true'),
  // Long enough not to be guessed; it is compared in constant time.
  DOCENT_METRICS_TOKEN: z.string().min(16).max(512).optional(),
  DOCENT_READY_WORKER_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
};

const observabilityObject = z.object(observabilitySchema);
type ObservabilitySettings = z.infer<typeof observabilityObject>;

/** Settings that contradict each other. */
export const observabilityProblems = (c: ObservabilitySettings): string[] =>
  c.DOCENT_METRICS === 'false' && c.DOCENT_METRICS_TOKEN !== undefined
    ? ['DOCENT_METRICS_TOKEN: set, but DOCENT_METRICS=false turns /metrics off']
    : [];

/** The validated settings as the composition root uses them. */
export const observabilityConfig = (c: ObservabilitySettings): ObservabilityConfig => ({
  metrics: c.DOCENT_METRICS === 'true',
  ...(c.DOCENT_METRICS_TOKEN === undefined ? {} : { metricsToken: c.DOCENT_METRICS_TOKEN }),
  workerStallMs: c.DOCENT_READY_WORKER_SECONDS * 1000,
});
