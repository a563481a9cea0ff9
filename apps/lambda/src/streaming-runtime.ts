import type { Writable } from 'node:stream';
import type { Context } from 'aws-lambda';

/** Status line, headers and cookies, sent before a streamed body. */
export interface StreamedResponseMetadata {
  statusCode: number;
  headers: Record<string, string>;
  cookies?: string[];
}

/** A handler that writes its response to a stream instead of returning it. */
export type StreamingHandler<TEvent = unknown> = (
  event: TEvent,
  responseStream: Writable,
  context: Context,
) => Promise<void>;

/**
 * The two pieces of the Lambda Node.js runtime that response streaming needs. They exist only
 * inside Lambda (the `awslambda` global), so handlers take them as a parameter.
 */
export interface StreamingRuntime {
  /** `awslambda.streamifyResponse`: marks the handler as streaming. */
  streamifyResponse<TEvent>(handler: StreamingHandler<TEvent>): StreamingHandler<TEvent>;
  /** `awslambda.HttpResponseStream.from`: the stream to write the body to, after the metadata. */
  httpResponseStream(responseStream: Writable, metadata: StreamedResponseMetadata): Writable;
}

const PRELUDE_DELIMITER = new Uint8Array(8);

/**
 * The runtime's wire format done by hand, where there is no Lambda runtime (tests, a local run):
 * what `HttpResponseStream.from` makes the runtime send, byte for byte (the runtime labels it
 * `application/vnd.awslambda.http-integration-response`): a JSON prelude, 8 NUL bytes, then the body.
 */
export const preludeStreamingRuntime: StreamingRuntime = {
  streamifyResponse: (handler) => handler,
  httpResponseStream(responseStream, metadata) {
    responseStream.write(JSON.stringify(metadata));
    responseStream.write(PRELUDE_DELIMITER);
    return responseStream;
  },
};

interface AwsLambdaGlobal {
  streamifyResponse<TEvent>(handler: StreamingHandler<TEvent>): StreamingHandler<TEvent>;
  HttpResponseStream: { from(stream: Writable, metadata: StreamedResponseMetadata): Writable };
}

/** The Lambda runtime's streaming functions, or undefined outside Lambda. */
export const lambdaStreamingRuntime = (): StreamingRuntime | undefined => {
  // Declared by @types/aws-lambda as always there, but only the Lambda runtime fills it in; outside
  // it, the AWS SDK's invoke store may create an empty `awslambda` of its own.
  const lambda = (globalThis as unknown as { awslambda?: Partial<AwsLambdaGlobal> }).awslambda;
  const { streamifyResponse, HttpResponseStream } = lambda ?? {};
  if (typeof streamifyResponse !== 'function' || HttpResponseStream === undefined) return undefined;
  return {
    streamifyResponse: (handler) => streamifyResponse(handler),
    httpResponseStream: (stream, metadata) => HttpResponseStream.from(stream, metadata),
  };
};
