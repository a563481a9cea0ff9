import { type ContentType, DocentError, type RawDocument, type TextExtractor } from '@docent/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../test-support/expect-error.ts';
import { PlainTextExtractor } from '../../test-support/plain-text-extractor.ts';
import { startTestServer, type TestServer } from '../../test-support/test-server.ts';

/** The real test extractor, refusing every file while `broken` is set. */
class SwitchableExtractor implements TextExtractor {
  readonly #real = new PlainTextExtractor();
  readonly formats = this.#real.formats;
  broken = false;

  detectType(name: string, bytes: Uint8Array): ContentType | null {
    return this.#real.detectType(name, bytes);
  }

  async extract(bytes: Uint8Array, contentType: ContentType): Promise<RawDocument> {
    if (this.broken) throw new DocentError('extraction_failed', 'The extractor is broken.');
    return this.#real.extract(bytes, contentType);
  }
}

const extractor = new SwitchableExtractor();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ extractor });
});
afterAll(() => server.close());

const getDocument = async (token: string, id: string) =>
  (await server.api.request('GET', `/documents/${id}`, { token })).body.document;

describe('POST /documents/:id/retry', () => {
  it('re-queues a failed document (202) which, still unreadable, fails again', async () => {
    const { api, docent } = server;
    const alice = await api.signUp();
    const id: string = (await api.upload(alice.token, 'blank.txt', ' \n\n \t \n')).body.document.id;
    await docent.drainJobs();
    expect(await getDocument(alice.token, id)).toMatchObject({ status: 'failed', error: { code: 'empty_document' } });

    const retried = await api.request('POST', `/documents/${id}/retry`, { token: alice.token });
    expect(retried.status).toBe(202);
    expect(retried.body.document).toMatchObject({ id, status: 'uploaded', progress: { stage: 'queued', done: 0 } });
    expect(retried.body.document).not.toHaveProperty('error');
    expect(await getDocument(alice.token, id)).toEqual(retried.body.document);

    expect(await docent.drainJobs()).toBe(1);
    expect(await getDocument(alice.token, id)).toMatchObject({ status: 'failed', error: { code: 'empty_document' } });
  });

  it('recovers a document once the cause of its failure is gone', async () => {
    const { api, docent } = server;
    const alice = await api.signUp();
    extractor.broken = true;
    const id: string = (await api.upload(alice.token, 'xz.txt', 'The default preset of xz is six.')).body.document.id;
    await docent.drainJobs();
    extractor.broken = false;
    expect(await getDocument(alice.token, id)).toMatchObject({
      status: 'failed',
      error: { code: 'extraction_failed' },
    });

    // Browsers often send a JSON content type with an empty body; that is no body.
    const retried = await api.request('POST', `/documents/${id}/retry`, {
      token: alice.token,
      headers: { 'content-type': 'application/json' },
    });
    expect(retried.status).toBe(202);
    await docent.drainJobs();
    expect(await getDocument(alice.token, id)).toMatchObject({ status: 'ready', chunkCount: 1 });
    const text = await api.request('GET', `/documents/${id}/text`, { token: alice.token });
    expect(text.body.text).toBe('The default preset of xz is six.');
  });

  it('answers 409 conflict for a document that has not failed', async () => {
    const { api, docent } = server;
    const alice = await api.signUp();
    const id: string = (await api.upload(alice.token, 'ok.txt', 'Plain and readable.')).body.document.id;
    expectError(await api.request('POST', `/documents/${id}/retry`, { token: alice.token }), 409, 'conflict');
    await docent.drainJobs();
    const ready = await getDocument(alice.token, id);
    expect(ready.status).toBe('ready');
    expectError(await api.request('POST', `/documents/${id}/retry`, { token: alice.token }), 409, 'conflict');
    expect(await getDocument(alice.token, id)).toEqual(ready);
  });

  it("answers 404 for unknown and other users' documents, and 401 without a token", async () => {
    const { api, docent } = server;
    const [alice, bob] = [await api.signUp(), await api.signUp()];
    const id: string = (await api.upload(alice.token, 'blank.txt', '   ')).body.document.id;
    await docent.drainJobs();
    for (const path of [`/documents/${id}/retry`, '/documents/unknown/retry']) {
      expectError(await api.request('POST', path, { token: bob.token }), 404, 'document_not_found');
    }
    expectError(await api.request('POST', `/documents/${id}/retry`), 401, 'unauthorized');
    expect((await getDocument(alice.token, id)).status).toBe('failed');
  });

  it('is described in the OpenAPI document', async () => {
    const spec = await server.api.request('GET', '/openapi.json');
    const operation = spec.body.paths['/documents/{id}/retry']?.post;
    expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['202', '404', '409']));
  });
});
