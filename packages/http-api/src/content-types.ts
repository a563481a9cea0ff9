import type { FastifyInstance } from 'fastify';

/**
 * Accepts JSON only (multipart is added on the upload route). Fastify's JSON parser, with its
 * prototype-poisoning checks, is kept, except that an empty body counts as no body: a bodyless
 * `POST /auth/logout` sent with a JSON content type is fine, and routes that need a body answer
 * `validation_failed` instead.
 */
export const registerContentTypes = (app: FastifyInstance): void => {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') done(null, undefined);
    else parseJson(request, String(body), done);
  });
};
