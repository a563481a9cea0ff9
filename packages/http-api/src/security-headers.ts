import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Sets the headers of a JSON API: the request id; no sniffing, framing or referrers; `no-store`
 * unless a route chose its own caching (tokens and private documents must not be cached); and a
 * CSP that forbids everything for JSON, leaving the docs page its own policy.
 */
export const setSecurityHeaders = (request: FastifyRequest, reply: FastifyReply): void => {
  reply.header('x-request-id', request.id);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'no-referrer');
  if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  const contentType = String(reply.getHeader('content-type') ?? '');
  if (contentType === '' || contentType.startsWith('application/json')) {
    reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
  }
};

/** Applies `setSecurityHeaders` to every response that goes through Fastify's hooks. */
export const registerSecurityHeaders = (app: FastifyInstance): void => {
  app.addHook('onSend', async (request, reply, payload) => {
    setSecurityHeaders(request, reply);
    return payload;
  });
};
