import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RequestUpload, type Resolver, TOKENS } from '@docent/domain';
import { DocumentExtractor } from '@docent/extractors';
import type { ScheduledEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lambdaContext } from '../test-support/aws-fixtures.ts';
import { captureOutput, type OutputCapture } from '../test-support/capture-output.ts';
import { createTestContainer } from '../test-support/test-container.ts';
import { createObservability } from './observability.ts';
import { createSweeperHandler } from './sweeper-handler.ts';

const QA_DEV_DOCS = path.resolve(import.meta.dirname, '../../../../shared/qa-dev/docs');
const readme = new Uint8Array(readFileSync(path.join(QA_DEV_DOCS, 'zstd-README.md')));
const MINUTE = 60_000;

/** An EventBridge scheduled event, as the rule `rate(15 minutes)` delivers it (AWS's documented shape). */
const scheduledEvent: ScheduledEvent = {
  version: '0',
  id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '123456789012',
  time: '2025-01-01T03:00:00Z',
  region: 'us-east-1',
  resources: ['arn:aws:events:us-east-1:123456789012:rule/docent-dev-sweeper'],
  detail: {},
};

let output: OutputCapture;
beforeEach(() => {
  output = captureOutput();
});
afterEach(() => output.restore());

const setUp = () => {
  let now = Date.parse('2025-01-01T00:00:00.000Z');
  const clock = { now: () => new Date(now), advance: (ms: number) => (now += ms) };
  const observability = createObservability();
  const { container, adapters } = createTestContainer({
    clock,
    metrics: observability.business,
    sweeper: { leaseMs: 30 * MINUTE, graceMs: 20 * MINUTE, maxAttempts: 1 },
  });
  const resolver = container as Resolver;
  const handler = createSweeperHandler({
    sweep: async () => resolver.get(TOKENS.SweepStuckDocuments),
    observability,
  });
  return { clock, adapters, resolver, handler };
};

describe('sweeper handler on scheduled events', () => {
  it('re-queues a document whose processing was cut off mid-job, which the job runner then finishes', async () => {
    const { clock, adapters, resolver, handler } = setUp();
    const owner = { userId: 'alice', email: 'alice@example.com' };
    const { document } = await resolver.get(TOKENS.UploadDocument).execute(owner, { name: 'zstd.md', bytes: readme });
    // The run stops inside its embedding stage and never comes back, as a Lambda killed by its time limit.
    const embed = adapters.Embedder.embed.bind(adapters.Embedder);
    adapters.Embedder.embed = () => new Promise(() => {});
    void resolver.get(TOKENS.JobRunner).runNext();
    await expect
      .poll(async () => (await adapters.DocumentRepository.get('alice', document.id))?.status)
      .toBe('processing');
    adapters.Embedder.embed = embed;

    clock.advance(31 * MINUTE);
    const summary = await handler(scheduledEvent, lambdaContext('sweep-1'));
    expect(summary).toEqual({ requeued: 1, failed: 0, skipped: 0 });
    expect(await adapters.DocumentRepository.get('alice', document.id)).toMatchObject({
      status: 'uploaded',
      sweeps: 1,
    });
    const logged = output.json().find((line) => line.message === 'Stuck document queued again');
    expect(logged).toMatchObject({ documentId: document.id, status: 'processing', function_request_id: 'sweep-1' });
    expect(output.metric('StuckDocumentsRequeued')).toBe(1);

    const runner = resolver.get(TOKENS.JobRunner);
    while (await runner.runNext()) {}
    expect(await adapters.DocumentRepository.get('alice', document.id)).toMatchObject({ status: 'ready' });
  });

  it('marks an abandoned presigned upload failed and counts it', async () => {
    const { clock, adapters, handler } = setUp();
    const signer = {
      presignUpload: async () => ({ url: 'https://uploads.test', method: 'PUT' as const, headers: {} }),
    };
    // A presigned upload whose bytes never come.
    const { document } = await new RequestUpload({
      documents: adapters.DocumentRepository,
      signer,
      ids: adapters.Ids,
      clock,
      extractor: new DocumentExtractor(),
    }).execute(
      { userId: 'bob', email: 'bob@example.com' },
      { name: 'never.md', size: 10, contentType: 'text/markdown' },
    );
    clock.advance(21 * MINUTE);
    expect(await handler(scheduledEvent, lambdaContext('sweep-2'))).toEqual({ requeued: 0, failed: 1, skipped: 0 });
    expect(await adapters.DocumentRepository.get('bob', document.id)).toMatchObject({
      status: 'failed',
      error: { code: 'upload_incomplete' },
    });
    expect(output.json().find((line) => line.message === 'Stuck document marked failed')).toMatchObject({
      level: 'WARN',
      reason: 'upload_incomplete',
    });
    expect(output.metric('StuckDocumentsFailed')).toBe(1);
  });
});
