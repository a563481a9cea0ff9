import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { EmfMetrics } from '@docent/adapters-aws';
import { DocentMetrics } from './docent-metrics.ts';

/** The Powertools utilities every handler uses. */
export interface Observability {
  /** Structured JSON logs, with the Lambda request id once `addContext` ran. */
  logger: Logger;
  /** Invocation metrics of the handlers (cold starts, processing errors). */
  metrics: DocentMetrics;
  /** The domain's business metrics (the catalog of `@docent/domain`), as EMF; flushed after each invocation. */
  business: EmfMetrics;
  /** X-Ray; inert outside Lambda. */
  tracer: Tracer;
}

/** Names that apply when the environment (`POWERTOOLS_SERVICE_NAME`, `POWERTOOLS_METRICS_NAMESPACE`) gives none. */
export interface ObservabilityOptions {
  serviceName?: string;
  namespace?: string;
  /** A Metrics of one's own (tests capture its EMF output). */
  metrics?: Metrics;
  logger?: Logger;
}

/** Builds the utilities; call once per container (module scope), as Powertools expects. */
export const createObservability = (options: ObservabilityOptions = {}): Observability => {
  const env = process.env;
  const serviceName = env.POWERTOOLS_SERVICE_NAME ?? options.serviceName ?? 'docent';
  const namespace = env.POWERTOOLS_METRICS_NAMESPACE ?? options.namespace ?? 'Docent';
  return {
    logger: options.logger ?? new Logger({ serviceName }),
    metrics: new DocentMetrics(options.metrics ?? new Metrics({ namespace, serviceName })),
    business: new EmfMetrics({ namespace, service: serviceName }),
    tracer: new Tracer({ serviceName }),
  };
};
