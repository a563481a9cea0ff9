import { Writable } from 'node:stream';
import { type ContentType, DocentError, type TextExtractor } from '@docent/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, createApiClient } from '../../test-support/api-client.ts';
import { expectError } from '../../test-support/expect-error.ts';
import { createInMemoryDocent } from '../../test-support/in-memory-docent.ts';
import { PlainTextExtractor } from '../../test-support/plain-text-extractor.ts';
import { buildApp } from '../app.ts';

/** The real extractor, with faults injected by file name: the only way to make the domain fail here. */
class FaultInjectingExtractor implements TextExtractor {
  readonly #real = new PlainTextExtractor();
  readonly formats = this.#real.formats;

  detectType(name: string, bytes: Uint8Array): ContentType | null {
    if (name === 'crash.txt') throw new Error('disk at /var/secret/db failed: password=hunter2');
    if (name === 'busy.txt') throw new DocentError('unavailable', 'The extractor is busy', { retryable: true });
    return this.#real.detectType(name, bytes);
  }

  extract(bytes: Uint8Array, contentType: ContentType) {
    return this.#real.extract(bytes, contentType);
  }
}

const logLines: Array<Record<string, unknown>> = [];
const logStream = new Writable({
  write(chunk, _encoding, done) {
    logLines.push(JSON.parse(String(chunk)));
    done();
  },
});

let close: () => Promise<void>;
let api: ApiClient;
beforeAll(async () => {
  const docent = createInMemoryDocent({ extractor: new FaultInjectingExtractor() });
  const app = await buildApp(docent.resolver, { version: 'test', logger: { level: 'warn', stream: logStream } });
  api = createApiClient(await app.listen({ host: '127.0.0.1', port: 0 }));
  close = () => app.close();
});
afterAll(() => close());

describe('unexpected failures', () => {
  it('answer 500 internal_error without internals, logged with the request id', async () => {
    const { token } = await api.signUp();
    const response = await api.upload(token, 'crash.txt', 'hello');
    expectError(response, 500, 'internal_error');
    expect(JSON.stringify(response.body)).not.toMatch(/secret|hunter2|Error:/);
    const requestId = response.headers.get('x-request-id');
    const logged = logLines.find((line) => line.reqId === requestId && line.level === 50);
    expect(logged?.err).toMatchObject({ message: expect.stringContaining('hunter2') });
    expect((await api.request('GET', '/health')).status).toBe(200);
  });

  it('answer a retryable outage 503 with retry-after', async () => {
    const { token } = await api.signUp();
    const response = await api.upload(token, 'busy.txt', 'hello');
    expectError(response, 503, 'unavailable');
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    const requestId = response.headers.get('x-request-id');
    expect(logLines.some((line) => line.reqId === requestId && line.level === 40)).toBe(true);
  });
});
