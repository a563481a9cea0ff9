import { randomBytes } from 'node:crypto';
import {
  DocentError,
  isDocentError,
  type OidcClient,
  type OidcLoginChecks,
  type Resolver,
  type Session,
  TOKENS,
} from '@docent/domain';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ExpiringStore } from '../oidc/expiring-store.ts';
import { clearLoginCookie, readLoginCookie, sameSecret, setLoginCookie } from '../oidc/login-cookie.ts';
import { presentSession } from '../presenters/user.ts';
import { sessionSchema } from '../schemas/auth.ts';
import { errorResponses } from '../schemas/error.ts';
import { type OidcSessionBody, oidcConfigSchema, oidcSessionBodySchema, redirectResponse } from '../schemas/oidc.ts';
import type { RouteDeps } from './route-deps.ts';

const tags = ['auth'];
/** How long a started login may take at the provider. */
const LOGIN_TTL_MS = 10 * 60 * 1000;
/** How long the web app has to exchange the one-time code for its session. */
const CODE_TTL_MS = 60 * 1000;
const MAX_PENDING = 10_000;

interface PendingLogin {
  /** The random id in the browser's login cookie. */
  browser: string;
  checks: OidcLoginChecks;
}

/** The OIDC client when one is bound: the provider is optional, so its absence is not a wiring bug. */
const boundOidcClient = (resolver: Resolver): OidcClient | undefined => {
  try {
    return resolver.get(TOKENS.OidcClient);
  } catch {
    return undefined;
  }
};

const randomToken = (): string => randomBytes(32).toString('base64url');

const isHttps = (request: FastifyRequest): boolean => request.protocol === 'https';

/** Sends the browser back to the web app with the error, which shows it on the sign-in page. */
const redirectWithError = (request: FastifyRequest, reply: FastifyReply, thrown: unknown): FastifyReply => {
  const error = isDocentError(thrown)
    ? thrown
    : new DocentError('internal_error', 'Signing in failed unexpectedly; try again.', { cause: thrown });
  if (isDocentError(thrown)) request.log.warn({ code: error.code, err: thrown }, 'provider sign-in failed');
  else request.log.error({ err: thrown }, 'provider sign-in failed unexpectedly');
  return reply.redirect(`/#/oidc?error=${error.code}&message=${encodeURIComponent(error.message)}`, 302);
};

/**
 * Sign-in with the configured OpenID Connect provider, for the web app: `config` says whether it is
 * available; `login` sends the browser to the provider; the provider returns it to `callback`,
 * which redirects to the app with a one-time code; the app exchanges the code at `session` for the
 * same session as a password login. The PKCE verifier, state and nonce never leave the server: they
 * wait in memory under the state, bound to the browser by an HttpOnly cookie, so a callback that
 * another browser started (login CSRF) is refused.
 */
export const oidcRoutes: FastifyPluginAsync<RouteDeps> = async (app, { resolver }) => {
  const client = boundOidcClient(resolver);

  app.get(
    '/auth/oidc/config',
    {
      schema: {
        tags,
        summary: 'Whether provider sign-in is available',
        response: { 200: oidcConfigSchema, ...errorResponses() },
      },
    },
    async () => (client === undefined ? { enabled: false } : { enabled: true, name: client.name }),
  );
  if (client === undefined) return;

  const startLogin = resolver.get(TOKENS.StartOidcLogin);
  const finishLogin = resolver.get(TOKENS.FinishOidcLogin);
  const clock = resolver.get(TOKENS.Clock);
  const pending = new ExpiringStore<PendingLogin>({ clock, ttlMs: LOGIN_TTL_MS, maxEntries: MAX_PENDING });
  const codes = new ExpiringStore<Session>({ clock, ttlMs: CODE_TTL_MS, maxEntries: MAX_PENDING });

  app.get(
    '/auth/oidc/login',
    {
      schema: {
        tags,
        summary: `Start signing in with ${client.name} (browser navigation)`,
        response: {
          ...redirectResponse('To the provider, or to `/#/oidc?error=...` when it cannot be reached'),
          ...errorResponses(),
        },
      },
    },
    async (request, reply) => {
      try {
        const { url, ...checks } = await startLogin.execute();
        const browser = randomToken();
        pending.put(checks.state, { browser, checks });
        reply.header(
          'set-cookie',
          setLoginCookie(browser, { maxAgeSeconds: LOGIN_TTL_MS / 1000, secure: isHttps(request) }),
        );
        return reply.redirect(url, 302);
      } catch (error) {
        return redirectWithError(request, reply, error);
      }
    },
  );

  app.get(
    '/auth/oidc/callback',
    {
      schema: {
        tags,
        summary: `Where ${client.name} returns the browser (its authorization response)`,
        response: {
          ...redirectResponse('To `/#/oidc?code=<one-time code>`, or `/#/oidc?error=<code>&message=<text>`'),
          ...errorResponses(),
        },
      },
    },
    async (request, reply) => {
      reply.header('set-cookie', clearLoginCookie({ secure: isHttps(request) }));
      const { state } = request.query as Record<string, unknown>;
      const login = typeof state === 'string' ? pending.take(state) : undefined;
      const browser = readLoginCookie(request.headers.cookie);
      if (login === undefined || browser === undefined || !sameSecret(browser, login.browser)) {
        const stale = new DocentError(
          'oidc_failed',
          'This sign-in has expired or was started in another browser; please start again.',
        );
        return redirectWithError(request, reply, stale);
      }
      try {
        const session = await finishLogin.execute({ callbackUrl: request.url, checks: login.checks });
        const code = randomToken();
        codes.put(code, session);
        return reply.redirect(`/#/oidc?code=${code}`, 302);
      } catch (error) {
        return redirectWithError(request, reply, error);
      }
    },
  );

  app.post<{ Body: OidcSessionBody }>(
    '/auth/oidc/session',
    {
      schema: {
        tags,
        summary: 'Exchange the one-time code of a provider sign-in for a session',
        body: oidcSessionBodySchema,
        response: { 200: sessionSchema, ...errorResponses(400, 401, 415) },
      },
    },
    async (request) => {
      const session = codes.take(request.body.code);
      if (session === undefined) {
        throw new DocentError('unauthorized', 'This sign-in code is unknown, already used or expired; sign in again.');
      }
      return presentSession(session);
    },
  );
};
