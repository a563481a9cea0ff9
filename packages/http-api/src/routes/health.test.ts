import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test-support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** Every route of the contract, as OpenAPI paths, with whether it needs a bearer token. */
const ROUTES: Array<[method: string, path: string, secured: boolean]> = [
  ['get', '/health', false],
  ['get', '/ready', false],
  ['get', '/openapi.json', false],
  ['post', '/auth/register', false],
  ['post', '/auth/login', false],
  ['post', '/auth/logout', true],
  ['get', '/auth/profile', true],
  // Always there; the other /auth/oidc routes exist only with a provider (see oidc.test.ts).
  ['get', '/auth/oidc/config', false],
  ['get', '/documents', true],
  ['post', '/documents/upload', true],
  ['get', '/documents/{id}', true],
  ['get', '/documents/{id}/text', true],
  ['delete', '/documents/{id}', true],
  ['post', '/documents/{id}/retry', true],
  ['post', '/documents/reindex', true],
  ['post', '/query/ask', true],
  ['post', '/query/search', true],
  ['get', '/query/history', true],
];

describe('GET /health', () => {
  it('answers without a token', async () => {
    const response = await server.api.request('GET', '/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', version: '0.0.0-test' });
  });
});

describe('GET /openapi.json', () => {
  it('is an OpenAPI 3 JSON document listing exactly the routes of the contract', async () => {
    const response = await fetch(new URL('/openapi.json', server.baseUrl));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const spec = JSON.parse(await response.text());
    expect(spec.openapi).toMatch(/^3\./);
    expect(spec.info.version).toBe('0.0.0-test');
    const operations = Object.entries(spec.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method} ${path}`),
    );
    expect(operations.sort()).toEqual(ROUTES.map(([method, path]) => `${method} ${path}`).sort());
  });

  it('documents every response, the shared error schema and the bearer requirement', async () => {
    const spec = (await server.api.request('GET', '/openapi.json')).body;
    expect(spec.components.securitySchemes.bearerAuth).toEqual({ type: 'http', scheme: 'bearer' });
    const errorSchema = spec.components.schemas.ErrorResponse;
    expect(errorSchema.properties.error.required).toEqual(['code', 'message', 'requestId']);
    expect(errorSchema.properties.error.properties.code.enum).toContain('document_not_found');
    for (const [method, path, secured] of ROUTES.filter(([, path]) => path !== '/openapi.json')) {
      const operation = spec.paths[path][method];
      const statuses = Object.keys(operation.responses);
      expect(
        statuses.some((status) => status.startsWith('2')),
        `${method} ${path}`,
      ).toBe(true);
      expect(operation.responses['500'].content['application/json'].schema).toEqual({
        $ref: '#/components/schemas/ErrorResponse',
      });
      expect(operation.security !== undefined, `${method} ${path}`).toBe(secured);
      if (secured) expect(statuses).toContain('401');
    }
    expect(Object.keys(spec.paths['/documents/upload'].post.requestBody.content)).toEqual(['multipart/form-data']);
    expect(spec.paths['/query/ask'].post.requestBody.content['application/json'].schema.required).toEqual(['question']);
  });
});

describe('the docs page', () => {
  it('serves swagger-ui at /docs without a token', async () => {
    const response = await fetch(new URL('/docs', server.baseUrl));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('swagger-ui');
  });

  it('is not served when serveDocs is false', async () => {
    const bare = await startTestServer({ serveDocs: false });
    try {
      expect((await bare.api.request('GET', '/docs')).status).toBe(404);
      expect((await bare.api.request('GET', '/openapi.json')).status).toBe(200);
    } finally {
      await bare.close();
    }
  });
});
