import { pipeline } from 'node:stream/promises';
import awsLambdaFastify from '@fastify/aws-lambda';
import type { LambdaFunctionURLEvent } from 'aws-lambda';
import { instrumented } from './invocation.ts';
import { type LambdaApp, lambdaApp } from './lambda-app.ts';
import { lambdaObservability } from './lambda-observability.ts';
import type { Observability } from './observability.ts';
import { once } from './once.ts';
import { requestLineOf } from './request-line.ts';
import {
  lambdaStreamingRuntime,
  preludeStreamingRuntime,
  type StreamingHandler,
  type StreamingRuntime,
} from './streaming-runtime.ts';

/** What the streaming handler runs on. */
export interface StreamHandlerDeps {
  app: () => Promise<LambdaApp>;
  observability: Observability;
}

/**
 * The Function URL entry in `RESPONSE_STREAM` mode: the same Fastify app, with its response body
 * streamed as it is written rather than buffered, so `POST /query/ask` with
 * `Accept: text/event-stream` sends each `token` event while the answer is being generated.
 *
 * `@fastify/aws-lambda` with `payloadAsStream` injects the request and hands back the response
 * stream as soon as the head is written (light-my-request's streaming payload), so the events,
 * cookies and base64 bodies are translated exactly as in the buffered handler. Every other route
 * works too; it is simply sent in one piece. A client that goes away does not cancel generation
 * (the injected request has no socket to close): it runs to its end, bounded by the model's
 * token limit and the function timeout.
 */
export const createStreamHandler = (
  runtime: StreamingRuntime,
  deps: StreamHandlerDeps,
): StreamingHandler<LambdaFunctionURLEvent> => {
  const proxy = once(async () => awsLambdaFastify(await deps.app(), { decorateRequest: false, payloadAsStream: true }));
  return runtime.streamifyResponse(async (event, responseStream, context) =>
    instrumented(deps.observability, context, 'stream', async () => {
      const line = requestLineOf(event);
      const { meta, stream } = await (await proxy())(event, context);
      const body = runtime.httpResponseStream(responseStream, {
        statusCode: meta.statusCode,
        headers: meta.headers,
        ...(meta.cookies === undefined ? {} : { cookies: meta.cookies }),
      });
      await pipeline(stream, body);
      deps.observability.logger.info('Request streamed', { ...line, statusCode: meta.statusCode });
    }),
  );
};

/** The deployed streaming handler; outside Lambda it writes the runtime's wire format itself. */
export const handler = createStreamHandler(lambdaStreamingRuntime() ?? preludeStreamingRuntime, {
  app: lambdaApp,
  observability: lambdaObservability,
});
