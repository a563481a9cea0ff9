import type { Resolver } from '@docent/domain';
import { describe, expect, it } from 'vitest';
import { createApiHandler } from './api-handler.ts';
import { buildLambdaApp } from './lambda-app.ts';
import { createObservability } from './observability.ts';
import { readAwsFixture as fixture, lambdaContext } from './test-support/aws-fixtures.ts';
import { createTestContainer } from './test-support/test-container.ts';

// Behind API Gateway every request arrives from AWS's own network: the throttle must see the caller's
// address, which @fastify/aws-lambda takes from the event's `requestContext.http.sourceIp`.
describe('sign-in throttling on Lambda', () => {
  it('throttles by the source address API Gateway reports, not by the connection', async () => {
    const { container } = createTestContainer();
    const app = await buildLambdaApp(container as Resolver);
    const api = createApiHandler({ app: async () => app, observability: createObservability() });
    const event = await fixture('apigw-http-v2-post-json-body-bearer.json');
    const logIn = async (email: string, sourceIp: string) => {
      const response = await api(
        {
          ...event,
          rawPath: '/auth/login',
          requestContext: { ...event.requestContext, http: { ...event.requestContext.http, sourceIp } },
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: 'Wrong-Pass-1' }),
          isBase64Encoded: false,
        },
        lambdaContext(`login-${email}`),
      );
      return response.statusCode;
    };
    // Twenty failures from one address, one per account so no account reaches its own threshold.
    const statuses = [];
    for (let i = 0; i < 21; i++) statuses.push(await logIn(`spray${i}@example.com`, '198.51.100.7'));
    expect(statuses).toEqual([...Array(20).fill(401), 429]);
    expect(await logIn('spray99@example.com', '203.0.113.50')).toBe(401);
  });
});
