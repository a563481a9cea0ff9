import { type Resolver, TOKENS } from '@docent/domain';
import { buildApp } from '@docent/http-api';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config.ts';
import { composeLocal } from '../src/container.ts';

/** A response as the tests read it: status, headers and the parsed JSON body (null when empty). */
export interface AppResponse {
  status: number;
  headers: Record<string, unknown>;
  body: any;
}

/** The real local composition (SQLite store and file blobs in `dataDir`) behind the real Fastify app. */
export interface LocalApp {
  app: FastifyInstance;
  /** One request through Fastify's in-process HTTP layer (routing, hooks, schemas, serialisers). */
  request(method: string, url: string, options?: { token?: string; json?: unknown }): Promise<AppResponse>;
  /** Uploads `content` as the multipart field `file`, encoded by the platform's own FormData. */
  upload(token: string, name: string, content: string): Promise<AppResponse>;
  /** Registers a user and logs in; returns the bearer token. */
  signUp(email: string, password: string): Promise<string>;
  /** The composition's container, for the use cases behind the routes. */
  resolver: Resolver;
  /** Runs due jobs until none is left, as the server's worker would; returns how many ran. */
  drainJobs(): Promise<number>;
  close(): Promise<void>;
}

const parse = (payload: string): unknown => (payload === '' ? null : JSON.parse(payload));

/**
 * Composes the local server as `docent serve` does, with the hashing embedder for speed and no web
 * UI, but without the worker loop: the test decides when jobs run. Asks run in-process unless `env`
 * says otherwise (starting ask worker threads for every test would cost seconds; the pool has its
 * own tests); `env` adds or overrides settings.
 */
export const startLocalApp = async (dataDir: string, env: Record<string, string> = {}): Promise<LocalApp> => {
  const config = loadConfig(
    {
      DOCENT_DATA_DIR: dataDir,
      DOCENT_EMBEDDER: 'hashing',
      DOCENT_WEB: 'false',
      DOCENT_API_DOCS: 'false',
      DOCENT_ASK_WORKERS: '0',
      ...env,
    },
    dataDir,
  );
  const composition = composeLocal(config);
  const resolver: Resolver = composition.container;
  const app = await buildApp(resolver, { version: '0.0.0-test', maxUploadBytes: config.maxUploadBytes });
  const runner = resolver.get(TOKENS.JobRunner);

  const request: LocalApp['request'] = async (method, url, options = {}) => {
    const response = await app.inject({
      method: method as 'GET',
      url,
      headers: options.token === undefined ? {} : { authorization: `Bearer ${options.token}` },
      ...(options.json === undefined ? {} : { payload: options.json as object }),
    });
    return { status: response.statusCode, headers: response.headers, body: parse(response.payload) };
  };

  return {
    app,
    resolver,
    request,
    async upload(token, name, content) {
      const form = new FormData();
      form.set('file', new Blob([content]), name);
      const encoded = new Request('http://docent.test/', { method: 'POST', body: form });
      const response = await app.inject({
        method: 'POST',
        url: '/documents/upload',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': encoded.headers.get('content-type') ?? '',
        },
        payload: Buffer.from(await encoded.arrayBuffer()),
      });
      return { status: response.statusCode, headers: response.headers, body: parse(response.payload) };
    },
    async signUp(email, password) {
      const registered = await request('POST', '/auth/register', { json: { email, password } });
      // 201, or 202 where registration answers alike for new and taken addresses.
      if (registered.status !== 201 && registered.status !== 202) {
        throw new Error(`register failed: ${JSON.stringify(registered.body)}`);
      }
      const login = await request('POST', '/auth/login', { json: { email, password } });
      if (login.status !== 200) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
      return login.body.token as string;
    },
    async drainJobs() {
      let ran = 0;
      while (await runner.runNext()) ran++;
      return ran;
    },
    async close() {
      await app.close();
      await composition.close();
    },
  };
};
