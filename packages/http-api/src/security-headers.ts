import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The policy of HTML pages (the web app): scripts, styles, connections and forms from this origin
 * only, no inline script, never framed. The app calls the API on the same origin.
 */
export const HTML_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/**
 * Sets the headers of a JSON API: the request id; no sniffing, framing or referrers; `no-store`
 * unless a route chose its own caching (tokens and private documents must not be cached); a CSP
 * that forbids everything for JSON; and the web app's CSP for HTML, unless the page set its own
 * (the docs page, whose plugin replaces it in its own hook either way).
 */
export const setSecurityHeaders = (request: FastifyRequest, reply: FastifyReply): void => {
  reply.header('x-request-id', request.id);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'no-referrer');
  if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  // A 304 has no body, but browsers merge its headers into the cached page: a JSON policy here
  // would block the cached web app's own scripts.
  if (reply.statusCode === 304) return;
  const contentType = String(reply.getHeader('content-type') ?? '');
  if (contentType === '' || contentType.startsWith('application/json')) {
    reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
  } else if (contentType.startsWith('text/html') && !reply.hasHeader('content-security-policy')) {
    reply.header('content-security-policy', HTML_CONTENT_SECURITY_POLICY);
  }
};

/** Applies `setSecurityHeaders` to every response that goes through Fastify's hooks. */
export const registerSecurityHeaders = (app: FastifyInstance): void => {
  app.addHook('onSend', async (request, reply, payload) => {
    setSecurityHeaders(request, reply);
    return payload;
  });
};
