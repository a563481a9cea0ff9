import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type BulkItemOutcome,
  bulkReply,
  errorReply,
  type ScriptedHit,
  searchReply,
} from './opensearch-test-replies.ts';

/** What the server answers to the next request. */
export type OpenSearchScriptStep =
  /** Answers a `_bulk` request item by item from the recorded bulk answers; all succeed unless `outcomes` says. */
  | { kind: 'bulk'; outcomes?: Record<number, BulkItemOutcome> }
  /** Answers a `_search` with these hits (and aggregations), shaped as the recorded k-NN answer. */
  | { kind: 'hits'; hits: ScriptedHit[]; total?: number; aggregations?: object }
  /** Answers with OpenSearch's error body. */
  | { kind: 'error'; status: number; type: string; reason: string }
  /** Answers with this status and JSON body (none for HEAD). */
  | { kind: 'json'; status: number; body?: unknown };

/** One request as it arrived. */
export interface RecordedOpenSearchRequest {
  method: string;
  /** The path as sent, query string included. */
  path: string;
  /** Every header as received: what SigV4 signed. */
  headers: IncomingHttpHeaders;
  /** The body's exact text (what `x-amz-content-sha256` hashes). */
  rawBody: string;
  /** The JSON body; for `_bulk` the NDJSON lines, each parsed; `undefined` when empty. */
  body: unknown;
}

/** A local HTTP server standing in for an OpenSearch Serverless collection, following a script. */
export interface OpenSearchTestServer {
  /** `http://127.0.0.1:{port}`: the client's `node`. */
  node: string;
  /** Queues answers for the next requests, in order; with the queue empty it answers 500. */
  script(...steps: OpenSearchScriptStep[]): void;
  /** Every request so far, oldest first. */
  requests: RecordedOpenSearchRequest[];
  /** Stops listening; closing twice is harmless. */
  close(): Promise<void>;
}

/** How the server answers when its script is empty. */
export interface OpenSearchTestServerOptions {
  /**
   * `error` (default): 500, so every request a test makes must be scripted. `empty-collection`: as a
   * collection whose index exists and whose searches find nothing: bulk writes succeed item by item,
   * `_search` has no hits, anything else answers 200 `{}` (for tests of a whole pipeline, which
   * cannot script each request).
   */
  unscripted?: 'error' | 'empty-collection';
}

/** The answer of an empty collection to an unscripted request. */
const emptyCollectionStep = (path: string): OpenSearchScriptStep => {
  const pathname = new URL(path, 'http://local').pathname;
  if (pathname.endsWith('/_bulk')) return { kind: 'bulk' };
  if (pathname.endsWith('/_search')) return { kind: 'hits', hits: [] };
  return { kind: 'json', status: 200, body: {} };
};

/** Starts the server on 127.0.0.1 with a free port. */
export const startOpenSearchTestServer = async (
  options: OpenSearchTestServerOptions = {},
): Promise<OpenSearchTestServer> => {
  const requests: RecordedOpenSearchRequest[] = [];
  const queue: OpenSearchScriptStep[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const path = request.url ?? '/';
    const bulk = new URL(path, 'http://local').pathname.endsWith('/_bulk');
    const body = rawBody === '' ? undefined : bulk ? ndjsonLines(rawBody) : JSON.parse(rawBody);
    requests.push({ method: request.method ?? '', path, headers: request.headers, rawBody, body });
    const step =
      queue.shift() ??
      (options.unscripted === 'empty-collection'
        ? emptyCollectionStep(path)
        : { kind: 'error', status: 500, type: 'test_script', reason: 'The script is empty' });
    const [status, reply] = replyTo(step, path, body);
    json(response, status, reply);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    node: `http://127.0.0.1:${port}`,
    script: (...steps) => queue.push(...steps),
    requests,
    close: () => {
      if (!server.listening) return Promise.resolve();
      const closed = new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      server.closeAllConnections();
      return closed;
    },
  };
};

const ndjsonLines = (text: string): unknown[] =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));

/** The status and body a script step answers with. */
const replyTo = (step: OpenSearchScriptStep, path: string, body: unknown): [number, unknown] => {
  const index = path.split('/')[1] ?? '';
  switch (step.kind) {
    case 'bulk':
      return [200, bulkReply(bulkActions(body, index), step.outcomes)];
    case 'hits':
      return [200, searchReply(index, step.hits, step)];
    case 'error':
      return [step.status, errorReply(step.status, step.type, step.reason)];
    case 'json':
      return [step.status, step.body];
  }
};

/** The action lines of a bulk body: an action name with its metadata, a source line after all but deletes. */
const bulkActions = (lines: unknown, pathIndex: string): Array<{ action: string; index: string; id?: string }> => {
  const actions: Array<{ action: string; index: string; id?: string }> = [];
  const all = Array.isArray(lines) ? lines : [];
  for (let i = 0; i < all.length; i++) {
    const [action, meta] = Object.entries(all[i] as Record<string, { _index?: string; _id?: string }>)[0] ?? [];
    if (action === undefined || meta === undefined) continue;
    actions.push({ action, index: meta._index ?? pathIndex, ...(meta._id === undefined ? {} : { id: meta._id }) });
    if (action !== 'delete') i++;
  }
  return actions;
};

const json = (response: ServerResponse, status: number, body: unknown): void => {
  const text = body === undefined ? '' : JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' }).end(text);
};
