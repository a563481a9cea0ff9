import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LlmMessage, LlmUsage } from '@docent/domain';

/**
 * What the server does with the next request. The first three are the `LlmScriptStep`s of the LlmGateway
 * contract (`fail` may add headers such as `retry-after`); `raw` writes exactly the given pieces, `gapMs`
 * apart, then ends, keeps the socket open (`hang`) or destroys it (`drop`), to reproduce wire-level trouble.
 */
export type ChatScriptStep =
  | { kind: 'reply'; chunks: readonly string[]; usage: LlmUsage; finishReason?: 'stop' | 'length' }
  | { kind: 'fail'; status: number; message: string; headers?: Record<string, string> }
  | { kind: 'hang' }
  | {
      kind: 'raw';
      status?: number;
      /** Default `content-type: text/event-stream`. */
      headers?: Record<string, string>;
      writes: readonly (string | Uint8Array)[];
      gapMs?: number;
      end?: 'end' | 'hang' | 'drop';
    };

/** A chat request read back from the wire (the contract's `ReceivedLlmRequest`). */
export interface ReceivedChatRequest {
  system: string;
  messages: LlmMessage[];
  maxTokens: number;
  temperature: number | undefined;
  stream: boolean;
}

/** Configuration of {@link startChatTestServer}. */
export interface ChatTestServerOptions {
  /** Answers requests when the script queue is empty (default: HTTP 500), e.g. depending on the prompt. */
  respond?: (request: ReceivedChatRequest) => ChatScriptStep | Promise<ChatScriptStep>;
  /** Model name put in responses (default `test-model`). */
  model?: string;
}

/** A real HTTP server on 127.0.0.1 speaking the OpenAI chat completions protocol, for tests. */
export interface ChatTestServer {
  /** `http://127.0.0.1:{port}/v1`. */
  baseUrl: string;
  /** Queues what the server does for the next requests, in order. */
  script(...steps: ChatScriptStep[]): void;
  /** Every chat request so far, oldest first. */
  received(): ReceivedChatRequest[];
  /** The HTTP headers of every chat request so far, oldest first. */
  headers(): IncomingHttpHeaders[];
  /** Stops listening and destroys open connections, hanging ones included; closing twice is harmless. */
  close(): Promise<void>;
}

/** One SSE event carrying `data` (JSON-encoded unless it is already a string such as `[DONE]`). */
export const sseEvent = (data: unknown): string =>
  `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;

/** A `chat.completion.chunk` with one choice carrying `delta` and `finishReason` (null when absent). */
export const chatChunk = (delta: Record<string, unknown>, finishReason?: string): Record<string, unknown> => ({
  id: 'chatcmpl-test',
  object: 'chat.completion.chunk',
  created: 1_700_000_000,
  model: 'test-model',
  choices: [{ index: 0, delta, finish_reason: finishReason ?? null }],
});

/**
 * Starts the server. `POST /v1/chat/completions` follows the script, then `respond`, else answers 500;
 * replies are a `chat.completion` JSON, or with `stream: true` an SSE stream: one event per chunk, a chunk
 * with the finish reason, a usage chunk with no choices (only when `stream_options.include_usage` asks for
 * it, as OpenAI does) and `data: [DONE]`. Errors have the OpenAI shape `{ error: { message, type } }`.
 */
export const startChatTestServer = async (options: ChatTestServerOptions = {}): Promise<ChatTestServer> => {
  const queue: ChatScriptStep[] = [];
  const received: ReceivedChatRequest[] = [];
  const headers: IncomingHttpHeaders[] = [];
  const model = options.model ?? 'test-model';
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = await readJson(request);
    if (request.method !== 'POST' || request.url?.split('?')[0] !== '/v1/chat/completions') {
      return sendError(response, 404, `No route ${request.method} ${request.url}`);
    }
    const chat = readBack(body);
    if (chat === undefined) return sendError(response, 400, 'The body must be JSON with a `messages` array.');
    received.push(chat);
    headers.push(request.headers);
    const step = queue.shift() ?? (await options.respond?.(chat));
    if (step === undefined) return sendError(response, 500, 'No scripted reply is left for this request.');
    const usageWanted = (body as { stream_options?: { include_usage?: unknown } }).stream_options?.include_usage;
    await perform(step, response, { model, stream: chat.stream, usageWanted: usageWanted === true });
  };
  const server = createServer((request, response) => {
    // A throwing `respond` must fail the request, not crash the test process.
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendError(response, 500, `The test server failed: ${String(error)}`);
      else response.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    script: (...steps) => {
      queue.push(...steps);
    },
    received: () => [...received],
    headers: () => [...headers],
    close: () => {
      if (!server.listening) return Promise.resolve();
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
};

interface Wire {
  model: string;
  stream: boolean;
  usageWanted: boolean;
}

const perform = async (step: ChatScriptStep, response: ServerResponse, wire: Wire): Promise<void> => {
  switch (step.kind) {
    case 'hang':
      return;
    case 'fail':
      return sendError(response, step.status, step.message, step.headers);
    case 'raw':
      return writeRaw(step, response);
    case 'reply':
      if (!wire.stream) return sendJson(response, 200, completion(step, wire.model));
      return writeRaw({ kind: 'raw', writes: streamEvents(step, wire), end: 'end' }, response);
  }
};

const completion = (step: Extract<ChatScriptStep, { kind: 'reply' }>, model: string): Record<string, unknown> => ({
  id: 'chatcmpl-test',
  object: 'chat.completion',
  created: 1_700_000_000,
  model,
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: step.chunks.join('') },
      finish_reason: step.finishReason ?? 'stop',
    },
  ],
  usage: wireUsage(step.usage),
});

const streamEvents = (step: Extract<ChatScriptStep, { kind: 'reply' }>, wire: Wire): string[] => {
  const event = (chunk: Record<string, unknown>): string => sseEvent({ ...chunk, model: wire.model });
  return [
    event(chatChunk({ role: 'assistant', content: '' })),
    ...step.chunks.map((content) => event(chatChunk({ content }))),
    event(chatChunk({}, step.finishReason ?? 'stop')),
    ...(wire.usageWanted ? [event({ ...chatChunk({}), choices: [], usage: wireUsage(step.usage) })] : []),
    sseEvent('[DONE]'),
  ];
};

const wireUsage = (usage: LlmUsage): Record<string, number> => ({
  prompt_tokens: usage.inputTokens,
  completion_tokens: usage.outputTokens,
  total_tokens: usage.inputTokens + usage.outputTokens,
});

const writeRaw = async (step: Extract<ChatScriptStep, { kind: 'raw' }>, response: ServerResponse): Promise<void> => {
  response.writeHead(step.status ?? 200, { 'content-type': 'text/event-stream', ...step.headers });
  response.flushHeaders();
  for (const [index, piece] of step.writes.entries()) {
    if (index > 0 && step.gapMs) await new Promise((resolve) => setTimeout(resolve, step.gapMs));
    if (response.destroyed) return;
    // Waiting for each write to be flushed keeps pieces apart on the wire and before a `drop`.
    await new Promise((resolve) => response.write(piece, resolve));
  }
  if (step.end === 'hang' || response.destroyed) return;
  if (step.end === 'drop') response.socket?.destroy();
  else response.end();
};

const sendError = (
  response: ServerResponse,
  status: number,
  message: string,
  headers?: Record<string, string>,
): void => {
  const type = status === 429 ? 'rate_limit_error' : status >= 500 ? 'server_error' : 'invalid_request_error';
  sendJson(response, status, { error: { message, type } }, headers);
};

const sendJson = (response: ServerResponse, status: number, body: unknown, headers?: Record<string, string>): void => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
};

const readJson = async (request: IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
};

const readBack = (body: unknown): ReceivedChatRequest | undefined => {
  const wire = body as { messages?: unknown; max_tokens?: unknown; temperature?: unknown; stream?: unknown } | null;
  if (!Array.isArray(wire?.messages)) return undefined;
  const messages = wire.messages as { role: string; content: string }[];
  return {
    system: messages.find((message) => message.role === 'system')?.content ?? '',
    messages: messages
      .filter((message) => message.role !== 'system')
      .map(({ role, content }) => ({ role: role as LlmMessage['role'], content })),
    maxTokens: wire.max_tokens as number,
    temperature: typeof wire.temperature === 'number' ? wire.temperature : undefined,
    stream: wire.stream === true,
  };
};
