import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Accepted incoming request ids: short tokens that are safe to log and echo in a header. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The client's `x-request-id` when it is a sane short token (so traces join up), else a new UUID. */
export const requestIdFor = (request: IncomingMessage): string => {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
};
