import { ApiError, errorFromBody, parseJson } from './api-error.ts';

/** How the client learns the current token and reports that the server no longer accepts it. */
export interface ApiClientOptions {
  /** The bearer token to send, or null when signed out. */
  getToken: () => string | null;
  /** Called when a call made with a token gets 401: the session is over. */
  onUnauthorized: () => void;
}

/** One call: method, JSON body, extra headers and an abort signal. */
export interface RequestOptions {
  method?: string;
  json?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * The fetch wrapper every screen uses: relative URLs (the app is served by the API's origin),
 * a bearer token, and every non-2xx answer turned into an `ApiError` carrying the server's code.
 */
export class ApiClient {
  readonly #options: ApiClientOptions;

  constructor(options: ApiClientOptions) {
    this.#options = options;
  }

  /** The Authorization header for the current session (empty when signed out). */
  authorization(): Record<string, string> {
    const token = this.#options.getToken();
    return token === null ? {} : { authorization: `Bearer ${token}` };
  }

  /** Reports a 401 seen outside `send` (the XHR upload) when it was sent with a token. */
  rejected(status: number, hadToken: boolean): void {
    if (status === 401 && hadToken) this.#options.onUnauthorized();
  }

  /** Sends a request and returns the response when its status is 2xx; throws `ApiError` otherwise. */
  async send(path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json', ...this.authorization(), ...options.headers };
    const init: RequestInit = { method: options.method ?? 'GET', headers };
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(options.json);
    }
    if (options.signal) init.signal = options.signal;
    let response: Response;
    try {
      // Looked up on each call so the page (and tests) can swap the network layer.
      response = await globalThis.fetch(path, init);
    } catch (thrown) {
      if (options.signal?.aborted) throw thrown;
      throw new ApiError('network_error', 'Could not reach the server. Check your connection and try again.', {
        retryable: true,
      });
    }
    if (response.ok) return response;
    this.rejected(response.status, 'authorization' in headers);
    throw errorFromBody(response.status, parseJson(await response.text()));
  }

  /** Sends a request and parses the JSON answer (undefined for an empty body such as 204). */
  async json<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.send(path, options);
    return parseJson(await response.text()) as T;
  }
}
