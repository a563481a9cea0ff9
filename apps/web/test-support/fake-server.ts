/** A request the fake server received, with its JSON body parsed. */
export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
}

/** Answers one request. */
export type FakeHandler = (request: FakeRequest) => Response | Promise<Response>;

/** A JSON response. */
export const json = (status: number, body: unknown): Response =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
  });

/** An error response in the API's shape. */
export const apiError = (status: number, code: string, message: string): Response =>
  json(status, { error: { code, message, requestId: 'req-test' } });

/** A server-sent event stream the test writes to event by event. */
export interface FakeEventStream {
  response: Response;
  send: (event: string, data: unknown) => void;
  /** Writes raw text, to split events at awkward places. */
  write: (text: string) => void;
  close: () => void;
}

/** Creates an event stream response whose events the test releases one at a time. */
export const eventStream = (): FakeEventStream => {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  const write = (text: string) => controller.enqueue(encoder.encode(text));
  return {
    response: new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream; charset=utf-8' } }),
    write,
    send: (event, data) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
    close: () => controller.close(),
  };
};

/**
 * A stand-in for the Docent API at the network boundary: install `fetch` in place of the global
 * one, register answers per `METHOD /path`, and read back what the app sent.
 */
export class FakeServer {
  /** Every request received, oldest first. */
  readonly requests: FakeRequest[] = [];
  readonly #routes = new Map<string, FakeHandler>();

  /** Answers `METHOD /path` (query ignored) with a handler or a fixed JSON 200 body. */
  on(method: string, path: string, answer: FakeHandler | object): this {
    this.#routes.set(
      `${method} ${path}`,
      typeof answer === 'function' ? (answer as FakeHandler) : () => json(200, answer),
    );
    return this;
  }

  /** The requests received for `METHOD /path`. */
  calls(method: string, path: string): FakeRequest[] {
    return this.requests.filter((request) => request.method === method && request.path === path);
  }

  /** The `fetch` to install with `vi.stubGlobal('fetch', server.fetch)`. */
  readonly fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input), 'http://docent.test');
    const text = typeof init.body === 'string' ? init.body : undefined;
    const request: FakeRequest = {
      method: init.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: new Headers(init.headers),
      body: text === undefined ? undefined : JSON.parse(text),
    };
    this.requests.push(request);
    const handler = this.#routes.get(`${request.method} ${request.path}`);
    if (!handler) return apiError(404, 'not_found', `No fake route for ${request.method} ${request.path}`);
    return handler(request);
  };
}
