import { type AuthenticateUseCase, DocentError, type Principal } from '@docent/domain';
import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';

/** Who is calling, set by the auth hook on protected routes. */
export interface RequestAuth {
  principal: Principal;
  /** The bearer token itself, which logout revokes. */
  token: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth | null;
  }
}

/** RFC 6750 `b64token`, capped so a huge header is refused before any lookup. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]{1,4096}=*) *$/i;

/** The token of a well-formed `Authorization: Bearer <token>` header, else null. */
export const parseBearer = (header: string | undefined): string | null => BEARER.exec(header ?? '')?.[1] ?? null;

/** Declares `request.auth`; call once on the root instance. */
export const decorateAuth = (app: FastifyInstance): void => {
  app.decorateRequest('auth', null);
};

/**
 * An onRequest hook that authenticates the bearer token before the body is read, so anonymous
 * callers cannot make the server parse uploads. Throws `unauthorized` (401).
 */
export const createAuthHook =
  (authenticate: AuthenticateUseCase): onRequestAsyncHookHandler =>
  async (request) => {
    const token = parseBearer(request.headers.authorization);
    if (token === null)
      throw new DocentError('unauthorized', 'A valid "Authorization: Bearer <token>" header is required');
    request.auth = { principal: await authenticate.execute({ token }), token };
  };

/** The caller of a protected route; throws `unauthorized` if the auth hook did not run. */
export const requireAuth = (request: FastifyRequest): RequestAuth => {
  if (request.auth === null) throw new DocentError('unauthorized', 'Authentication is required');
  return request.auth;
};
