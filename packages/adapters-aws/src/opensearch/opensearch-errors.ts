import { DocentError } from '@docent/domain';
import { errors } from '@opensearch-project/opensearch';

/** Statuses after which the same request may succeed: timeouts, throttling and server-side failures. */
export const isRetryableStatus = (status: number): boolean => status === 408 || status === 429 || status >= 500;

/** The `type` and `reason` of an OpenSearch error object (`{"type": ..., "reason": ...}`), if present. */
export const errorCause = (error: unknown): { type?: string; reason?: string } => {
  if (typeof error !== 'object' || error === null) return {};
  const { type, reason } = error as { type?: unknown; reason?: unknown };
  return {
    ...(typeof type === 'string' ? { type } : {}),
    ...(typeof reason === 'string' ? { reason } : {}),
  };
};

// The transport's failures without an HTTP answer: a new attempt may reach the collection.
const TRANSPORT_ERRORS = [
  errors.ConnectionError,
  errors.TimeoutError,
  errors.NoLivingConnectionsError,
  errors.RequestAbortedError,
];

/**
 * Turns a failed client call into a DocentError. Throttling (429), timeouts and 5xx answers and network
 * failures become retryable `unavailable`; other answers (400 bad request, 403 missing data-access
 * permission, 404 missing index) and local failures (no credentials) are our configuration or our bug,
 * so `internal_error`, not retryable.
 */
export const toDocentError = (error: unknown, action: string): DocentError => {
  if (error instanceof DocentError) return error;
  if (error instanceof errors.ResponseError) {
    const status = error.meta.statusCode ?? 0;
    const body = error.meta.body as { error?: unknown } | undefined;
    const { type, reason } = errorCause(typeof body?.error === 'string' ? { reason: body.error } : body?.error);
    const retryable = isRetryableStatus(status);
    const what = `${type ?? 'error'} (HTTP ${status}): ${reason ?? 'no reason given'}`;
    return new DocentError(retryable ? 'unavailable' : 'internal_error', `OpenSearch ${action} failed: ${what}`, {
      retryable,
      details: { status, ...(type === undefined ? {} : { type }) },
      cause: error,
    });
  }
  if (TRANSPORT_ERRORS.some((kind) => error instanceof kind)) {
    const name = (error as Error).name;
    return new DocentError('unavailable', `OpenSearch ${action} failed: ${name}: ${(error as Error).message}`, {
      retryable: true,
      details: { error: name },
      cause: error,
    });
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new DocentError('internal_error', `OpenSearch ${action} failed: ${message}`, { cause: error });
};

/** Runs one client call, translating its failure. */
export const callOpenSearch = async <T>(action: string, call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    throw toDocentError(error, action);
  }
};
