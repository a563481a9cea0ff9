import { buildApp } from '@docent/http-api';
import awsLambdaFastify, { type PromiseHandler } from '@fastify/aws-lambda';
import rootPackage from '../../../package.json' with { type: 'json' };
import { composeLambda } from './container.ts';

let proxy: Promise<PromiseHandler> | undefined;

const createProxy = async (): Promise<PromiseHandler> =>
  awsLambdaFastify(await buildApp(composeLambda(), { version: rootPackage.version, serveDocs: false }), {
    // buildApp returns a started app, which can no longer be decorated with the raw event.
    decorateRequest: false,
    binaryMimeTypes: ['application/pdf', 'application/octet-stream', 'multipart/form-data'],
  });

/**
 * The API Gateway (REST v1, HTTP v2) and Function URL entry: the same Fastify app as the local
 * server, composed once per cold start.
 */
export const handler: PromiseHandler = async (event, context) => {
  proxy ??= createProxy();
  return (await proxy)(event, context);
};
