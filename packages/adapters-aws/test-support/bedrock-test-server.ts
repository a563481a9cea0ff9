import { randomUUID } from 'node:crypto';
import { createServer, type Http2ServerResponse, type Http2Session, type IncomingHttpHeaders } from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { LlmScriptStep, ReceivedLlmRequest } from '@docent/testing';
import {
  type BedrockOperation,
  converseBody,
  converseStreamFrames,
  exceptionFrame,
  invokeModelBody,
  invokeStreamFrames,
  type ReplyContent,
  receivedFromWire,
} from './bedrock-test-replies.ts';
import { titanEmbeddingStep } from './titan-test-replies.ts';

/** A contract step, or one of the Bedrock-specific answers the adapter's own tests need. */
export type BedrockScriptStep =
  | LlmScriptStep
  /** Answers with exactly this body (a recorded fixture file, a malformed body). */
  | { kind: 'raw'; status: number; body: string; headers?: Record<string, string> }
  /** Answers with this AWS error type and message, e.g. `AccessDeniedException` with 403. */
  | { kind: 'aws-error'; status: number; errorType: string; message: string }
  /**
   * Streams these text pieces, then breaks off: with a modeled exception inside the stream (its `:exception-type`,
   * e.g. `throttlingException`), by closing without the final events, or by going silent.
   */
  | { kind: 'stream-break'; chunks: string[]; end: { exceptionType: string; message: string } | 'close' | 'stall' };

/** One request as it arrived on the wire. */
export interface RecordedBedrockRequest {
  /** Always `POST` for the operations served. */
  method: string;
  /** The raw path, model id still URL-encoded (`/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke`). */
  path: string;
  /** The decoded model id from the path. */
  modelId: string;
  /** Which of the four operations the path names. */
  operation: BedrockOperation;
  /** Every header as received, HTTP/2 pseudo-headers (`:authority`) included: what SigV4 signed. */
  headers: IncomingHttpHeaders;
  /** The JSON body as sent. */
  body: unknown;
  /** The body's exact text (what the signature covers). */
  rawBody: string;
}

/**
 * A local HTTP/2 server (cleartext, as the SDK's default `NodeHttp2Handler` speaks to an `http://` endpoint)
 * speaking the Bedrock runtime protocol, following a script.
 */
export interface BedrockTestServer {
  /** `http://127.0.0.1:{port}`: the client's `endpoint`. */
  baseUrl: string;
  /**
   * Queues what the server does for the next requests, in order. With the queue empty it answers 500, except
   * to Titan v2 embedding requests, which get a computed embedding (see `titanEmbeddingStep`).
   */
  script(...steps: BedrockScriptStep[]): void;
  /** Every request so far in the contract's terms, oldest first. */
  received(): ReceivedLlmRequest[];
  /** Every request so far as it arrived, oldest first. */
  requests: RecordedBedrockRequest[];
  /** Stops listening and drops open connections (including hanging ones); closing twice is harmless. */
  close(): Promise<void>;
}

const PATH = /^\/model\/([^/]+)\/(invoke|invoke-with-response-stream|converse|converse-stream)$/;

// The status Bedrock pairs with each error type the contract asks for.
const ERROR_TYPES: Record<number, string> = {
  400: 'ValidationException',
  429: 'ThrottlingException',
  500: 'InternalServerException',
  503: 'ServiceUnavailableException',
};

const EMPTY_SCRIPT: BedrockScriptStep = { kind: 'fail', status: 500, message: 'The script is empty' };

/** Starts the server on 127.0.0.1 with a free port. */
export const startBedrockTestServer = async (): Promise<BedrockTestServer> => {
  const requests: RecordedBedrockRequest[] = [];
  const queue: BedrockScriptStep[] = [];
  const sessions = new Set<Http2Session>();
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const match = PATH.exec(request.url ?? '');
    if (request.method !== 'POST' || !match) {
      awsError(response, 404, 'UnknownOperationException', `No operation at ${request.method} ${request.url}`);
      return;
    }
    const operation = match[2] as BedrockOperation;
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const body = parseBody(rawBody);
    if (body === undefined) {
      awsError(response, 400, 'ValidationException', 'The request body is not JSON');
      return;
    }
    const modelId = decodeURIComponent(match[1] ?? '');
    requests.push({
      method: request.method,
      path: request.url ?? '',
      modelId,
      operation,
      headers: request.headers,
      body,
      rawBody,
    });
    answer(response, operation, queue.shift() ?? titanEmbeddingStep(modelId, operation, body) ?? EMPTY_SCRIPT);
  });
  server.on('session', (session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    script: (...steps) => queue.push(...steps),
    received: () => requests.map((request) => receivedFromWire(request.operation, request.body)),
    requests,
    close: () => {
      if (!server.listening) return Promise.resolve();
      const closed = new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      for (const session of sessions) session.destroy();
      return closed;
    },
  };
};

const parseBody = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const answer = (response: Http2ServerResponse, operation: BedrockOperation, step: BedrockScriptStep): void => {
  const streaming = operation.endsWith('stream');
  switch (step.kind) {
    case 'hang':
      return;
    case 'raw':
      response.writeHead(step.status, { 'content-type': 'application/json', ...step.headers }).end(step.body);
      return;
    case 'fail':
      awsError(response, step.status, ERROR_TYPES[step.status] ?? 'InternalServerException', step.message);
      return;
    case 'aws-error':
      awsError(response, step.status, step.errorType, step.message);
      return;
    case 'reply': {
      const content = { ...step, stopReason: step.finishReason === 'length' ? 'max_tokens' : 'end_turn' } as const;
      if (streaming) stream(response, operation, framesOf(operation, content, true));
      else json(response, operation === 'converse' ? converseBody(content) : invokeModelBody(content), content);
      return;
    }
    case 'stream-break': {
      const usage = { inputTokens: 1, outputTokens: 1 };
      const frames = framesOf(operation, { chunks: step.chunks, usage, stopReason: 'end_turn' }, false);
      if (typeof step.end === 'object') frames.push(exceptionFrame(step.end.exceptionType, step.end.message));
      stream(response, operation, frames, step.end !== 'stall');
      return;
    }
  }
};

const framesOf = (operation: BedrockOperation, content: ReplyContent, complete: boolean): Uint8Array[] =>
  operation === 'converse-stream' ? converseStreamFrames(content, complete) : invokeStreamFrames(content, complete);

const json = (response: Http2ServerResponse, body: object, { usage }: ReplyContent): void => {
  response
    .writeHead(200, {
      'content-type': 'application/json',
      'x-amzn-requestid': randomUUID(),
      'x-amzn-bedrock-input-token-count': String(usage.inputTokens),
      'x-amzn-bedrock-output-token-count': String(usage.outputTokens),
    })
    .end(JSON.stringify(body));
};

const stream = (response: Http2ServerResponse, operation: BedrockOperation, frames: Uint8Array[], end = true): void => {
  response.writeHead(200, {
    'content-type': 'application/vnd.amazon.eventstream',
    'x-amzn-requestid': randomUUID(),
    ...(operation === 'invoke-with-response-stream' ? { 'x-amzn-bedrock-content-type': 'application/json' } : {}),
  });
  // One write per frame, as Bedrock flushes each event on its own.
  for (const frame of frames) response.write(frame);
  if (end) response.end();
};

// Bedrock's REST-JSON error shape: the type in a header (with a namespace suffix), the message in the body.
const awsError = (response: Http2ServerResponse, status: number, errorType: string, message: string): void => {
  response
    .writeHead(status, {
      'content-type': 'application/json',
      'x-amzn-requestid': randomUUID(),
      'x-amzn-errortype': `${errorType}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
    })
    .end(JSON.stringify({ message }));
};
