import { TOKENS } from '@docent/domain';
import type { FastifyPluginAsync } from 'fastify';
import { requireAuth } from '../auth-hook.ts';
import { presentProfile, presentSession } from '../presenters/user.ts';
import {
  type CredentialsBody,
  loginBodySchema,
  profileSchema,
  REGISTRATION_ACCEPTED,
  registerBodySchema,
  registrationSchema,
  sessionSchema,
} from '../schemas/auth.ts';
import { bearerSecurity } from '../schemas/common.ts';
import { errorResponses } from '../schemas/error.ts';
import type { RouteDeps } from './route-deps.ts';

const tags = ['auth'];

/** Registration, login, logout and the caller's profile. */
export const authRoutes: FastifyPluginAsync<RouteDeps> = async (app, { resolver, authenticate }) => {
  const registerUser = resolver.get(TOKENS.RegisterUser);
  const logIn = resolver.get(TOKENS.LogIn);
  const logOut = resolver.get(TOKENS.LogOut);
  const getProfile = resolver.get(TOKENS.GetProfile);

  app.post<{ Body: CredentialsBody }>(
    '/auth/register',
    {
      schema: {
        tags,
        summary: 'Create an account, then sign in with it',
        description:
          'Answers 202 with the same body whether or not the email already has an account, so the answer ' +
          'does not tell who is registered. Sign in next with the same credentials: for an existing account ' +
          'with another password that answers the ordinary 401 `invalid_credentials`.',
        body: registerBodySchema,
        response: { 202: registrationSchema, ...errorResponses(400, 415) },
      },
    },
    async (request, reply) => {
      await registerUser.execute({ email: request.body.email, password: request.body.password });
      return reply.code(202).send(REGISTRATION_ACCEPTED);
    },
  );

  app.post<{ Body: CredentialsBody }>(
    '/auth/login',
    {
      schema: {
        tags,
        summary: 'Open a session and get a bearer token',
        description:
          'Failed attempts are throttled per account and per client address with exponential backoff: ' +
          'while an attempt must wait, the answer is 429 `too_many_attempts` with `retry-after` in seconds, ' +
          'before the password is checked, for existing and unknown emails alike.',
        body: loginBodySchema,
        response: { 200: sessionSchema, ...errorResponses(400, 401, 415, 429) },
      },
    },
    async (request) =>
      presentSession(
        await logIn.execute({
          email: request.body.email,
          password: request.body.password,
          clientAddress: request.ip,
        }),
      ),
  );

  app.post(
    '/auth/logout',
    {
      onRequest: authenticate,
      schema: {
        tags,
        summary: 'Revoke the bearer token',
        security: bearerSecurity,
        response: { 204: { description: 'Token revoked', type: 'null' }, ...errorResponses(401) },
      },
    },
    async (request, reply) => {
      await logOut.execute({ token: requireAuth(request).token });
      return reply.code(204).send();
    },
  );

  app.get(
    '/auth/profile',
    {
      onRequest: authenticate,
      schema: {
        tags,
        summary: 'The caller and how many documents they have',
        security: bearerSecurity,
        response: { 200: profileSchema, ...errorResponses(401) },
      },
    },
    async (request) => presentProfile(await getProfile.execute(requireAuth(request).principal)),
  );
};
