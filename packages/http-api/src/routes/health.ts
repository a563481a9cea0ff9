import type { FastifyPluginAsync } from 'fastify';
import { errorResponses } from '../schemas/error.ts';
import { healthSchema } from '../schemas/health.ts';

/** Liveness and the OpenAPI document; both public. */
export const healthRoutes: FastifyPluginAsync<{ version: string }> = async (app, { version }) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['meta'],
        summary: 'Liveness and the running version',
        response: { 200: healthSchema, ...errorResponses() },
      },
    },
    async () => ({ status: 'ok' as const, version }),
  );

  app.get(
    '/openapi.json',
    {
      schema: {
        tags: ['meta'],
        summary: 'This OpenAPI 3 document',
        response: { 200: { description: 'OpenAPI 3 document', type: 'object', additionalProperties: true } },
      },
    },
    async () => app.swagger(),
  );
};
