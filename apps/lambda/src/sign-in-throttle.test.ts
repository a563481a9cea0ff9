import type { Resolver } from '@docent/domain';
import { describe, expect, it } from 'vitest';
import { readAwsFixture as fixture, lambdaContext } from '../test-support/aws-fixtures.ts';
import { createTestContainer } from '../test-support/test-container.ts';
import { createApiHandler } from './api-handler.ts';
import { buildLambdaApp } from './lambda-app.ts';
import { createObservability } from './observability.ts';

type EventFor = (sourceIp: string, forwardedFor: string, body: string) => unknown;

// A login request from `sourceIp` as each kind of API Gateway event carries it; the client's own
// X-Forwarded-For header varies on every request, as a spoofing client would make it.
const restV1: () => Promise<EventFor> = async () => {
  const event = await fixture('apigw-rest-v1-proxy-post-json-body.json');
  return (sourceIp, forwardedFor, body) => ({
    ...event,
    path: '/auth/login',
    resource: '/auth/login',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwardedFor },
    multiValueHeaders: {},
    requestContext: { ...event.requestContext, identity: { ...event.requestContext.identity, sourceIp } },
    body,
  });
};
const httpV2: () => Promise<EventFor> = async () => {
  const event = await fixture('apigw-http-v2-post-json-body-bearer.json');
  return (sourceIp, forwardedFor, body) => ({
    ...event,
    rawPath: '/auth/login',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    requestContext: { ...event.requestContext, http: { ...event.requestContext.http, sourceIp } },
    body,
    isBase64Encoded: false,
  });
};

// Behind API Gateway every connection comes from AWS's own network: the throttle must see the caller's
// address, which @fastify/aws-lambda takes from the event's source IP, never from a client header.
describe('sign-in throttling on Lambda', () => {
  it.each([
    ['REST API (v1)', restV1],
    ['HTTP API (v2)', httpV2],
  ])('throttles by the source address of a %s event', async (_kind, eventFor) => {
    const { container } = createTestContainer({ signIn: { addressThreshold: 3 } });
    const app = await buildLambdaApp(container as Resolver);
    const api = createApiHandler({ app: async () => app, observability: createObservability() });
    const toEvent = await eventFor();
    const logIn = async (email: string, sourceIp: string, attempt: number) => {
      const body = JSON.stringify({ email, password: 'Wrong-Pass-1' });
      const event = toEvent(sourceIp, `10.0.0.${attempt}`, body) as Parameters<typeof api>[0];
      return (await api(event, lambdaContext(`login-${attempt}`))).statusCode;
    };
    // Three failures from one address, one per account so no account reaches its own threshold.
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await logIn(`spray${i}@example.com`, '198.51.100.7', i));
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(await logIn('spray99@example.com', '203.0.113.50', 99)).toBe(401);
  });
});
