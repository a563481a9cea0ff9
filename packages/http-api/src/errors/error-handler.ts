import type { ErrorCode } from '@docent/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setSecurityHeaders } from '../security-headers.ts';
import { ERROR_STATUS } from './status-table.ts';
import { type HttpError, toHttpError } from './to-http-error.ts';

/** The body of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; requestId: string };
}

const errorBody = (request: FastifyRequest, code: ErrorCode, message: string): ErrorBody => ({
  error: { code, message, requestId: request.id },
});

/**
 * Logs a failed request at the level its kind deserves: bugs as errors, outages as warnings. A shed
 * request (`overloaded`) is the server working as designed, and cheap to log matters then: it is
 * logged like a client error, without the error object.
 */
export const logHttpError = (request: FastifyRequest, error: HttpError, thrown: unknown): void => {
  if (error.code === 'overloaded') request.log.info({ code: error.code }, 'request shed');
  else if (error.unexpected) request.log.error({ err: thrown }, 'request failed unexpectedly');
  else if (error.status >= 500) request.log.warn({ err: thrown }, 'request failed: dependency unavailable');
  else request.log.info({ code: error.code }, 'request rejected');
};

/**
 * Answers any thrown value as an error response. Also Fastify's `frameworkErrors` option, so router
 * failures (a malformed URL, an overlong path parameter) use the same envelope.
 */
export const sendError = (thrown: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
  const error = toHttpError(thrown);
  logHttpError(request, error, thrown);
  if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
  if (error.status === 401) reply.header('www-authenticate', 'Bearer realm="docent"');
  // Closing the connection stops the server reading the rest of a body it has already refused.
  if (!request.raw.complete) reply.header('connection', 'close');
  // Router failures skip the hooks, so the headers are set here too.
  setSecurityHeaders(request, reply);
  return reply.code(error.status).send(errorBody(request, error.code, error.message));
};

/** Longest part of a path echoed back in a not-found message. */
const MAX_ECHOED_PATH = 200;

/**
 * Installs the error handler and the not-found handler: every failure, whatever raised it, leaves
 * as `{ error: { code, message, requestId } }` with the status from the one status table.
 */
export const registerErrorHandling = (app: FastifyInstance): void => {
  app.setErrorHandler(sendError);

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const path = (request.url.split('?')[0] ?? '').slice(0, MAX_ECHOED_PATH);
    return reply
      .code(ERROR_STATUS.not_found)
      .send(errorBody(request, 'not_found', `No route ${request.method} ${path}`));
  });
};
