import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler } from './api-handler.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../shared/fixtures/aws');
const fixture = async (name: string) => JSON.parse(await readFile(path.join(FIXTURES, name), 'utf8'));
const context = {} as Context;

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
    expect((await post('/auth/register', credentials)).statusCode).toBe(201);
    const login = await post('/auth/login', credentials);
    expect(login.statusCode).toBe(200);
    expect(JSON.parse(login.body).token).toEqual(expect.any(String));
  });
});
