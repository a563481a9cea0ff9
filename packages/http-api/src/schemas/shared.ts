import type { FastifyInstance } from 'fastify';
import { userSchema } from './auth.ts';
import { documentSchema } from './documents.ts';
import { errorResponseSchema } from './error.ts';
import { citationSchema } from './query.ts';

/** Registers the schemas routes refer to by `$id`; they become OpenAPI components of the same name. */
export const registerSharedSchemas = (app: FastifyInstance): void => {
  for (const schema of [errorResponseSchema, userSchema, documentSchema, citationSchema]) app.addSchema(schema);
};
