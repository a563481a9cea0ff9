import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

/**
 * Collects every route schema into an OpenAPI 3 document; must be registered before the routes.
 * Shared schemas keep their `$id` as component names (`ErrorResponse`, `Document`, ...).
 */
export const registerOpenApi = async (app: FastifyInstance, version: string): Promise<void> => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Docent API',
        version,
        description: 'Upload documents and ask questions answered with citations from them.',
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
      tags: [
        { name: 'auth', description: 'Accounts and sessions' },
        { name: 'documents', description: "The caller's documents" },
        { name: 'query', description: 'Questions and history' },
        { name: 'meta', description: 'Health and this document' },
      ],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
};

/** Serves swagger-ui at `/docs`, reading the same document. */
export const registerDocsPage = async (app: FastifyInstance): Promise<void> => {
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
};
