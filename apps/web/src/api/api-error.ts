/** Options of an `ApiError` beyond its code and message. */
export interface ApiErrorOptions {
  status?: number;
  requestId?: string;
  retryable?: boolean;
}

/**
 * A failed API call with the server's stable error `code` (or a client-side one such as
 * `network_error`), so screens can react to codes rather than parse messages.
 */
export class ApiError extends Error {
  /** Stable machine-readable reason, e.g. `invalid_credentials` or `document_not_ready`. */
  readonly code: string;
  /** HTTP status, when a response arrived. */
  readonly status: number | undefined;
  /** The server's request id, worth quoting in a bug report. */
  readonly requestId: string | undefined;
  /** True when trying again later may succeed. */
  readonly retryable: boolean;

  constructor(code: string, message: string, options: ApiErrorOptions = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = options.status;
    this.requestId = options.requestId;
    this.retryable = options.retryable ?? false;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * Turns an error body `{ error: { code, message, requestId, retryable? } }` into an `ApiError`;
 * anything else (a proxy's HTML page, an empty body) becomes a generic error for the status.
 */
export const errorFromBody = (status: number | undefined, body: unknown): ApiError => {
  const error = isRecord(body) ? body.error : undefined;
  if (isRecord(error) && typeof error.code === 'string' && typeof error.message === 'string') {
    return new ApiError(error.code, error.message, {
      ...(status === undefined ? {} : { status }),
      ...(typeof error.requestId === 'string' ? { requestId: error.requestId } : {}),
      retryable: error.retryable === true || status === 429 || (status !== undefined && status >= 500),
    });
  }
  return new ApiError(`http_${status ?? 0}`, `The server answered with status ${status ?? 'unknown'}.`, {
    ...(status === undefined ? {} : { status }),
    retryable: status === undefined || status >= 500,
  });
};

/** Parses a response body as JSON, or returns undefined when it is empty or not JSON. */
export const parseJson = (text: string): unknown => {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** A readable message for anything thrown by an API call. */
export const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : 'Something went wrong. Please try again.';
