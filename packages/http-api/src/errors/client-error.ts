import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ErrorCode } from '@docent/domain';
import type { FastifyInstance } from 'fastify';
import type { ErrorBody } from './error-handler.ts';
import { ERROR_STATUS } from './status-table.ts';

/** What Node's HTTP parser reports before a request exists, as our code and words. */
const PARSER_ERRORS: Readonly<Record<string, { code: ErrorCode; message: string }>> = {
  HPE_HEADER_OVERFLOW: { code: 'headers_too_large', message: 'The request headers are too large' },
  ERR_HTTP_REQUEST_TIMEOUT: { code: 'request_timeout', message: 'The request took too long to arrive' },
};

const MALFORMED = { code: 'validation_failed', message: 'The request is not valid HTTP' } as const;

/**
 * Fastify's `clientErrorHandler`: errors of Node's HTTP parser (431 headers too large, 408, 400
 * malformed) happen before routing, so no hook, handler or request id exists yet. This answers
 * them in the same envelope as every other error, with a fresh request id in the body, the
 * `x-request-id` header and the log line, then closes the connection (the stream is unusable).
 */
export function handleClientError(this: FastifyInstance, error: Error & { code?: string }, socket: Socket): void {
  // A reset connection has no one left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { code, message } = PARSER_ERRORS[error.code ?? ''] ?? MALFORMED;
  const status = ERROR_STATUS[code];
  const requestId = randomUUID();
  this.log.info({ reqId: requestId, code, parserError: error.code }, 'request rejected before routing');
  if (!socket.writable) {
    socket.destroy(error);
    return;
  }
  const body = JSON.stringify({ error: { code, message, requestId } } satisfies ErrorBody);
  // end() flushes the answer before closing, where destroy() could drop it.
  socket.end(
    [
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
      'content-type: application/json; charset=utf-8',
      `content-length: ${Buffer.byteLength(body)}`,
      `x-request-id: ${requestId}`,
      'x-content-type-options: nosniff',
      'cache-control: no-store',
      "content-security-policy: default-src 'none'; frame-ancestors 'none'",
      'connection: close',
      '',
      body,
    ].join('\r\n'),
  );
}
