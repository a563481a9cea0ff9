import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type ProcessUploadedDocumentUseCase, RequestUpload, type Resolver, TOKENS } from '@docent/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lambdaContext, readAwsFixture } from '../test-support/aws-fixtures.ts';
import { captureOutput, type OutputCapture } from '../test-support/capture-output.ts';
import { objectCreatedEvent } from '../test-support/s3-events.ts';
import { createTestContainer } from '../test-support/test-container.ts';
import { createObservability } from './observability.ts';
import { createProcessingHandler } from './processing-handler.ts';

const QA_DEV_DOCS = path.resolve(import.meta.dirname, '../../../../shared/qa-dev/docs');
const readme = new Uint8Array(readFileSync(path.join(QA_DEV_DOCS, 'zstd-README.md')));

const eventFor = objectCreatedEvent;

let output: OutputCapture;
beforeEach(() => {
  output = captureOutput();
});
afterEach(() => output.restore());

const setUp = (fail: (documentId: string) => boolean = () => false) => {
  const signer = {
    presignUpload: async () => ({ url: 'https://uploads.test', method: 'PUT' as const, headers: {} }),
  };
  const observability = createObservability();
  const { container, adapters } = createTestContainer({ signer, metrics: observability.business });
  const real = (container as Resolver).get(TOKENS.ProcessUploadedDocument);
  const process: ProcessUploadedDocumentUseCase = {
    execute: async (input) => {
      if (fail(input.documentId)) throw new Error(`injected failure for ${input.documentId}`);
      return real.execute(input);
    },
  };
  const runner = (container as Resolver).get(TOKENS.JobRunner);
  const handler = createProcessingHandler({
    processUploaded: async () => process,
    // As with DOCENT_STORAGE=memory: the queue lives in this instance, so the function runs its jobs.
    drain: async () => {
      let ran = 0;
      while (await runner.runNext()) ran += 1;
      return ran;
    },
    observability,
  });
  /** A presigned upload whose bytes landed: the key the S3 event will name. */
  const uploaded = async (userId: string, name: string, bytes: Uint8Array) => {
    const request = new RequestUpload({
      documents: adapters.DocumentRepository,
      signer,
      ids: adapters.Ids,
      clock: adapters.Clock,
      extractor: (container as Resolver).get(TOKENS.TextExtractor),
    });
    const { document } = await request.execute(
      { userId, email: 'owner@example.com' },
      { name, size: bytes.length, contentType: 'text/markdown' },
    );
    await adapters.BlobStore.put(document.blobKey, bytes);
    return { key: document.blobKey, id: document.id };
  };
  return { handler, adapters, uploaded };
};

describe('processing handler on recorded S3 ObjectCreated events', () => {
  it('ignores the recorded key, which is outside documents/', async () => {
    const { handler } = setUp();
    const summary = await handler(await readAwsFixture('s3-objectcreated-put.json'), lambdaContext('req-1'));
    expect(summary).toEqual({ queued: 0, unchanged: 0, rejected: 0, missing: 0, ignored: 1, batchItemFailures: [] });
  });

  it('decodes the URL-encoded key of the second recording before deciding (`Happy%20Face.jpg`)', async () => {
    const { handler } = setUp();
    const summary = await handler(
      await readAwsFixture('s3-objectcreated-put-urlencoded-key.json'),
      lambdaContext('req-2'),
    );
    expect(summary.ignored).toBe(1);
    const ignored = output.json().find((line) => line.message === 'Ignored an S3 record');
    expect(ignored).toMatchObject({ key: 'Happy Face.jpg', reason: 'outside documents/', level: 'INFO' });
  });

  it('enqueues a presigned upload and runs its job to `ready`, logging with the request id and counting it in EMF', async () => {
    const { handler, adapters, uploaded } = setUp();
    // An owner id with a space and a plus: both must survive S3's form encoding.
    const owner = 'user one+two';
    const { key, id } = await uploaded(owner, 'zstd README.md', readme);
    const summary = await handler(await eventFor(key), lambdaContext('req-3'));
    expect(summary).toMatchObject({ queued: 1, batchItemFailures: [] });
    const document = await adapters.DocumentRepository.get(owner, id);
    expect(document).toMatchObject({ status: 'ready', contentType: 'text/markdown', size: readme.length });
    expect(document?.chunkCount).toBeGreaterThan(1);
    const handled = output.json().find((line) => line.message === 'Document handled');
    expect(handled).toMatchObject({ key, outcome: 'queued', status: 'uploaded', function_request_id: 'req-3' });
    // document.process, then the document.embed it enqueued.
    expect(output.json().find((line) => line.message === 'Ran the queued jobs in-process')).toMatchObject({ jobs: 2 });
    expect(output.metric('DocumentsProcessed')).toBe(1);
    expect(output.metric('DocumentProcessingErrors')).toBe(0);
  });

  it('is a no-op on redelivery of the same event', async () => {
    const { handler, adapters, uploaded } = setUp();
    const { key, id } = await uploaded('alice', 'readme.md', readme);
    const event = await eventFor(key);
    await handler(event, lambdaContext('first'));
    const before = await adapters.DocumentRepository.get('alice', id);
    const again = await handler(event, lambdaContext('redelivered'));
    expect(again).toMatchObject({ queued: 0, unchanged: 1 });
    expect(await adapters.DocumentRepository.get('alice', id)).toEqual(before);
  });

  it('reports a failing record without failing the others, and logs it as an error', async () => {
    let bad = '';
    const { handler, adapters, uploaded } = setUp((documentId) => documentId === bad);
    const good = await uploaded('alice', 'good.md', readme);
    const broken = await uploaded('alice', 'broken.md', new TextEncoder().encode('# Broken\n\nText.'));
    bad = broken.id;
    const summary = await handler(await eventFor(good.key, broken.key), lambdaContext('req-5'));
    expect(summary).toMatchObject({ queued: 1, batchItemFailures: [{ itemIdentifier: broken.key }] });
    expect(await adapters.DocumentRepository.get('alice', good.id)).toMatchObject({ status: 'ready' });
    const logged = output.json().find((line) => line.message === 'Document processing failed');
    expect(logged).toMatchObject({
      level: 'ERROR',
      key: broken.key,
      error: { message: `injected failure for ${bad}` },
    });
    expect(output.metric('DocumentProcessingErrors')).toBe(1);
  });

  it('throws when every record that names a document failed, so Lambda retries the event', async () => {
    const { handler, uploaded } = setUp(() => true);
    const { key } = await uploaded('alice', 'a.md', readme);
    const event = await eventFor(key, 'elsewhere/ignored.txt');
    await expect(handler(event, lambdaContext('req-6'))).rejects.toBeInstanceOf(AggregateError);
    // The metrics of a failed invocation are still published.
    expect(output.metric('DocumentProcessingErrors')).toBe(1);
  });

  it('refuses bytes that fail the upload checks, counting them as rejected', async () => {
    const { handler, adapters, uploaded } = setUp();
    const { key, id } = await uploaded('alice', 'binary.md', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1]));
    const summary = await handler(await eventFor(key), lambdaContext('req-7'));
    expect(summary).toMatchObject({ rejected: 1, batchItemFailures: [] });
    expect(await adapters.DocumentRepository.get('alice', id)).toMatchObject({
      status: 'failed',
      error: { code: 'unsupported_media_type' },
    });
    expect(output.metrics().find((line) => 'DocumentsFailed' in line)).toMatchObject({
      DocumentsFailed: 1,
      reason: 'unsupported_media_type',
    });
  });
});
