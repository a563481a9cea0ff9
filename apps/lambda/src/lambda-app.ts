import type { Resolver } from '@docent/domain';
import { buildApp } from '@docent/http-api';
import rootPackage from '../../../package.json' with { type: 'json' };
import { lambdaContainer } from './lambda-container.ts';
import { once } from './once.ts';

/** Binary bodies API Gateway must pass base64-encoded (uploads in, PDFs out). */
export const BINARY_MIME_TYPES = ['application/pdf', 'application/octet-stream', 'multipart/form-data'];

/** The Fastify app (its type, without depending on fastify here). */
export type LambdaApp = Awaited<ReturnType<typeof buildApp>>;

/** The one Fastify app over a container, as the local server runs it, without the docs page. */
export const buildLambdaApp = async (resolver: Resolver): Promise<LambdaApp> =>
  buildApp(resolver, { version: rootPackage.version, serveDocs: false });

/** The app over the Lambda container, built once per cold start. */
export const lambdaApp = once(async () => buildLambdaApp(await lambdaContainer()));
