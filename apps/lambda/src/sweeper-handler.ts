import { type SweepOutcome, type SweepStuckDocumentsUseCase, TOKENS } from '@docent/domain';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { instrumented } from './invocation.ts';
import { lambdaContainer } from './lambda-container.ts';
import { lambdaObservability } from './lambda-observability.ts';
import type { Observability } from './observability.ts';

/** What one sweep came to, as the invocation's result (and its log line). */
export interface SweepSummary {
  requeued: number;
  failed: number;
  skipped: number;
}

/** What the handler needs; the default export wires the Lambda container. */
export interface SweeperHandlerDeps {
  sweep: () => Promise<SweepStuckDocumentsUseCase>;
  observability: Observability;
}

const summaryOf = (outcome: SweepOutcome): SweepSummary => ({
  requeued: outcome.requeued.length,
  failed: outcome.failed.length,
  skipped: outcome.skipped,
});

/**
 * The `sweeper` function, run by an EventBridge schedule: one `SweepStuckDocuments` per event. The
 * event carries nothing it needs (its time is the schedule's, not the sweep's clock). A sweep that
 * throws fails the invocation; the next scheduled one starts over, as every step is idempotent.
 */
export const createSweeperHandler =
  (deps: SweeperHandlerDeps) =>
  (_event: ScheduledEvent, context: Context): Promise<SweepSummary> =>
    instrumented(deps.observability, context, 'sweeper', async () => {
      const { logger, metrics } = deps.observability;
      const outcome = await (await deps.sweep()).execute();
      for (const document of outcome.requeued) logger.info('Stuck document queued again', { ...document });
      for (const document of outcome.failed) logger.warn('Stuck document marked failed', { ...document });
      metrics.stuckDocuments(outcome.requeued.length, outcome.failed.length);
      const summary = summaryOf(outcome);
      logger.info('Sweep done', { ...summary });
      return summary;
    });

/** The deployed handler (`sweeper` function). */
export const handler = createSweeperHandler({
  sweep: async () => (await lambdaContainer()).get(TOKENS.SweepStuckDocuments),
  observability: lambdaObservability,
});
