/** A parsed HTTP response. */
export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed JSON, the text of a non-JSON body, or null when empty. */
  body: T;
}

/** How to send one request. */
export interface RequestOptions {
  token?: string;
  /** Sent as JSON with `content-type: application/json`. */
  json?: unknown;
  /** Sent as is (FormData, a string, bytes), with `headers` deciding its type. */
  body?: RequestInit['body'];
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** A signed-up user and their bearer token. */
export interface SignedUpUser {
  token: string;
  user: { id: string; email: string; createdAt: string };
  email: string;
  password: string;
}

/** Satisfies the domain's password policy. */
export const TEST_PASSWORD = 'Correct-Horse-9';

let userSequence = 0;

const parse = async (response: Response): Promise<unknown> => {
  const text = await response.text();
  if (text === '') return null;
  return (response.headers.get('content-type') ?? '').startsWith('application/json') ? JSON.parse(text) : text;
};

/** Thin `fetch` helpers for the Docent API, for tests and scripts. */
export const createApiClient = (baseUrl: string) => {
  const request = async <T = any>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    let body = options.body;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    const response = await fetch(new URL(path, baseUrl), {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    return { status: response.status, headers: response.headers, body: (await parse(response)) as T };
  };

  /** Registers a fresh user and logs in. */
  const signUp = async (): Promise<SignedUpUser> => {
    userSequence++;
    const email = `user${userSequence}.${Date.now()}@example.com`;
    const registered = await request('POST', '/auth/register', { json: { email, password: TEST_PASSWORD } });
    if (registered.status !== 202) throw new Error(`register failed: ${JSON.stringify(registered.body)}`);
    const login = await request('POST', '/auth/login', { json: { email, password: TEST_PASSWORD } });
    if (login.status !== 200) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
    return { token: login.body.token, user: login.body.user, email, password: TEST_PASSWORD };
  };

  /** Uploads one file in the multipart field `file` (or another field, to test mistakes). */
  const upload = (token: string, name: string, content: string | Uint8Array, field = 'file') => {
    const form = new FormData();
    form.set(field, new Blob([content]), name);
    return request('POST', '/documents/upload', { token, body: form });
  };

  return { request, signUp, upload };
};

/** The client returned by `createApiClient`. */
export type ApiClient = ReturnType<typeof createApiClient>;
