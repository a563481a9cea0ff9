// The JSON schemas of request and response bodies, importable without Fastify (`@docent/http-api/schemas`):
// the CDK stack's API Gateway models mirror the request bodies.
export * from './auth.ts';
export * from './common.ts';
export * from './documents.ts';
export * from './error.ts';
export * from './health.ts';
export * from './oidc.ts';
export * from './query.ts';
