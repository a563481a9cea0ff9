import { TOKENS } from '@docent/domain';
import type { FastifyPluginAsync } from 'fastify';
import { requireAuth } from '../auth-hook.ts';
import { presentProfile, presentSession, presentUser } from '../presenters/user.ts';
import {
  type CredentialsBody,
  loginBodySchema,
  profileSchema,
  registerBodySchema,
  registeredSchema,
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
        summary: 'Create an account',
        body: registerBodySchema,
        response: { 201: registeredSchema, ...errorResponses(400, 409, 415) },
      },
    },
    async (request, reply) => {
      const user = await registerUser.execute({ email: request.body.email, password: request.body.password });
      return reply.code(201).send({ user: presentUser(user) });
    },
  );

  app.post<{ Body: CredentialsBody }>(
    '/auth/login',
    {
      schema: {
        tags,
        summary: 'Open a session and get a bearer token',
        body: loginBodySchema,
        response: { 200: sessionSchema, ...errorResponses(400, 401, 415) },
      },
    },
    async (request) =>
      presentSession(await logIn.execute({ email: request.body.email, password: request.body.password })),
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
