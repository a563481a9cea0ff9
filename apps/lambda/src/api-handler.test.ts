import type { Resolver } from '@docent/domain';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { readAwsFixture as fixture, lambdaContext } from '../test-support/aws-fixtures.ts';
import { captureOutput, type OutputCapture } from '../test-support/capture-output.ts';
import { createTestContainer } from '../test-support/test-container.ts';
import { createApiHandler, handler } from './api-handler.ts';
import { buildLambdaApp } from './lambda-app.ts';
import { createObservability } from './observability.ts';

const context = lambdaContext('api-request-1');

let output: OutputCapture;
beforeEach(() => {
  output = captureOutput();
});
afterEach(() => output.restore());

// The deployed handler reads its configuration at its first invocation: in-memory storage, no model.
beforeAll(() => {
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('DOCENT_STORAGE', 'memory');
  vi.stubEnv('DOCENT_LLM', 'extractive');
});
afterAll(() => {
  vi.unstubAllEnvs();
});

describe('API handler on recorded API Gateway and Function URL events', () => {
  it('answers a REST (v1) proxy event with the app JSON error for an unknown route', async () => {
    const response = await handler(await fixture('apigw-rest-v1-proxy-post-json-body.json'), context);
    expect(response.statusCode).toBe(404);
    const body = JSON.parse(response.body);
    expect(body.error.code).toBe('not_found');
    expect(body.error.requestId).toEqual(expect.any(String));
  });

  it('rejects the bearer token of an HTTP API (v2) event on a protected route', async () => {
    const event = await fixture('apigw-http-v2-post-json-body-bearer.json');
    const response = await handler({ ...event, rawPath: '/query/ask' }, context);
    expect(response.statusCode).toBe(401);
    expect(JSON.parse(response.body).error.code).toBe('unauthorized');
  });

  it('answers the Cognito-authorized v1 and v2 events: unknown route as recorded, foreign token refused', async () => {
    const rest = await fixture('apigw-rest-v1-proxy-cognito-authorizer-bearer.json');
    const http = await fixture('apigw-http-v2-jwt-authorizer-cognito.json');
    for (const event of [rest, http]) {
      const recorded = await handler(event, context);
      expect(recorded.statusCode).toBe(404);
      expect(JSON.parse(recorded.body).error.code).toBe('not_found');
    }
    // The app checks the bearer itself: a token this deployment never issued is refused on a protected route.
    const profileV1 = await handler({ ...rest, path: '/auth/profile', httpMethod: 'GET', body: null }, context);
    const profileV2 = await handler(
      {
        ...http,
        rawPath: '/auth/profile',
        requestContext: {
          ...http.requestContext,
          http: { ...http.requestContext.http, method: 'GET', path: '/auth/profile' },
        },
        body: undefined,
      },
      context,
    );
    for (const response of [profileV1, profileV2]) {
      expect(response.statusCode).toBe(401);
      expect(JSON.parse(response.body).error.code).toBe('unauthorized');
    }
  });

  it('decodes the base64 body of a Function URL event', async () => {
    const event = await fixture('lambda-function-url-v2-base64-body.json');
    const response = await handler(
      { ...event, rawPath: '/auth/login', headers: { ...event.headers, 'content-type': 'application/json' } },
      context,
    );
    // The decoded body is `<idk/>`, not JSON: the app must have seen the decoded bytes to say so.
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).error.code).toBe('invalid_json');
  });

  it('runs the whole register and login flow through v2 events, reusing the cold-start container', async () => {
    const event = await fixture('apigw-http-v2-post-json-body-bearer.json');
    const post = (rawPath: string, body: unknown) =>
      handler(
        {
          ...event,
          rawPath,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          isBase64Encoded: false,
        },
        context,
      );
    const credentials = { email: 'lambda@example.com', password: 'Lambda1234' };
    expect((await post('/auth/register', credentials)).statusCode).toBe(202);
    const login = await post('/auth/login', credentials);
    expect(login.statusCode).toBe(200);
    expect(JSON.parse(login.body).token).toEqual(expect.any(String));
  });

  it('logs each request with the Lambda request id, and counts answered questions in EMF', async () => {
    const observability = createObservability();
    const { container } = createTestContainer({ metrics: observability.business });
    const app = await buildLambdaApp(container as Resolver);
    const api = createApiHandler({ app: async () => app, observability });
    const event = await fixture('apigw-http-v2-post-json-body-bearer.json');
    const post = (rawPath: string, body: unknown, headers: Record<string, string> = {}) =>
      api(
        {
          ...event,
          rawPath,
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
          isBase64Encoded: false,
        },
        lambdaContext(`req-${rawPath}`),
      );
    const credentials = { email: 'metrics@example.com', password: 'Metrics1234' };
    await post('/auth/register', credentials);
    const { token } = JSON.parse((await post('/auth/login', credentials)).body);
    const answered = await post('/query/ask', { question: 'Anything?' }, { authorization: `Bearer ${token}` });
    expect(answered.statusCode).toBe(200);
    expect(output.metric('QuestionsAsked')).toBe(1);
    // An empty library abstains: counted as asked and as abstained, in the same invocation's lines.
    expect(output.metric('QuestionsAbstained')).toBe(1);
    expect(output.metrics().find((line) => 'AskSeconds' in line)?._aws.CloudWatchMetrics[0].Metrics).toEqual([
      { Name: 'AskSeconds', Unit: 'Seconds' },
    ]);
    const logged = output.json().find((line) => line.message === 'Request answered' && line.path === '/query/ask');
    expect(logged).toMatchObject({ method: 'POST', statusCode: 200, function_request_id: 'req-/query/ask' });
    // A refused question is not an answered one.
    await post('/query/ask', { question: 'Anything?' });
    expect(output.metric('QuestionsAsked')).toBe(1);
  });
});
