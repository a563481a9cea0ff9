import awsLambdaFastify, { type LambdaResponse, type PromiseHandler } from '@fastify/aws-lambda';
import { instrumented } from './invocation.ts';
import { BINARY_MIME_TYPES, type LambdaApp, lambdaApp } from './lambda-app.ts';
import { lambdaObservability } from './lambda-observability.ts';
import type { Observability } from './observability.ts';
import { once } from './once.ts';
import { requestLineOf } from './request-line.ts';

/** What the API handler runs on. */
export interface ApiHandlerDeps {
  app: () => Promise<LambdaApp>;
  observability: Observability;
}

/**
 * The API Gateway (REST v1, HTTP v2) and Function URL entry over the one Fastify app: each
 * invocation is logged with its request id and status; the business metrics it recorded (questions,
 * abstentions, uploads) are flushed as EMF.
 */
export const createApiHandler = (deps: ApiHandlerDeps): PromiseHandler => {
  const proxy = once(async () =>
    awsLambdaFastify(await deps.app(), {
      // buildApp returns a started app, which can no longer be decorated with the raw event.
      decorateRequest: false,
      binaryMimeTypes: BINARY_MIME_TYPES,
    }),
  );
  return (event, context) =>
    instrumented(deps.observability, context, 'api', async (): Promise<LambdaResponse> => {
      const line = requestLineOf(event);
      const response = await (await proxy())(event, context);
      deps.observability.logger.info('Request answered', { ...line, statusCode: response.statusCode });
      return response;
    });
};

/** The deployed handler (`auth`, `documents` and `query` functions), composed once per cold start. */
export const handler = createApiHandler({ app: lambdaApp, observability: lambdaObservability });
