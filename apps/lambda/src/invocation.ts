import type { Context } from 'aws-lambda';
import type { Observability } from './observability.ts';

/**
 * Runs one invocation instrumented: every log line carries the Lambda request id (and function
 * name, cold start flag), the work is a subsegment of the function's X-Ray trace with errors
 * attached, and the metrics it counted are published (EMF lines) however it ends.
 */
export const instrumented = async <T>(
  observability: Observability,
  context: Context,
  name: string,
  work: () => Promise<T>,
): Promise<T> => {
  const { logger, metrics, business, tracer } = observability;
  // Keys appended by the previous invocation of this container must not leak into this one.
  logger.resetKeys();
  logger.addContext(context);
  metrics.coldStart();
  const segment = tracer.getSegment();
  const subsegment = segment?.addNewSubsegment(`## ${name}`);
  if (subsegment !== undefined) tracer.setSegment(subsegment);
  tracer.annotateColdStart();
  tracer.addServiceNameAnnotation();
  try {
    return await work();
  } catch (error) {
    tracer.addErrorAsMetadata(error instanceof Error ? error : new Error(String(error)));
    throw error;
  } finally {
    subsegment?.close();
    if (segment !== undefined) tracer.setSegment(segment);
    metrics.publish();
    business.flush();
  }
};
