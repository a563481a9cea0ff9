import 'reflect-metadata';
import { createInMemoryAdapters } from '@docent/adapters-inmemory';
import { ExtractiveAnswerer, type Principal, type Resolver, TOKENS } from '@docent/domain';
import { DocumentExtractor } from '@docent/extractors';
import { RecordingMetrics } from '@docent/testing';
import { Container } from 'inversify';
import { describe, expect, it } from 'vitest';
import { bindPorts } from '../port-bindings.ts';
import { bindUseCases } from '../use-case-bindings.ts';
import { instrumentContainer } from './instrument-container.ts';

const ALICE: Principal = { userId: 'user-alice', email: 'alice@example.com' };
const TEXT = new TextEncoder().encode(
  'Cats sleep for about sixteen hours a day.\n\nThey hunt at dawn and dusk, when their prey is most active.',
);

/** The real use cases over real in-memory adapters, instrumented as the roots do it; time advances 1 s per reading. */
const compose = () => {
  const container = new Container();
  const adapters = createInMemoryAdapters();
  bindPorts(container, { ...adapters, TextExtractor: new DocumentExtractor(), Answerer: new ExtractiveAnswerer() });
  bindUseCases(container);
  const metrics = new RecordingMetrics();
  let clock = 0;
  instrumentContainer(container, metrics, { now: () => (clock += 1000) });
  const resolver: Resolver = container;
  const drain = async () => {
    const runner = resolver.get(TOKENS.JobRunner);
    while (await runner.runNext());
  };
  return { container: resolver, metrics, adapters, drain };
};

const total = (metrics: RecordingMetrics, name: Parameters<RecordingMetrics['of']>[0]) =>
  metrics.of(name).reduce((sum, call) => sum + call.value, 0);

describe('instrumentContainer', () => {
  it('counts an upload, times each processing stage and counts the document processed', async () => {
    const { container, metrics, drain } = compose();
    await container.get(TOKENS.UploadDocument).execute(ALICE, { name: 'cats.txt', bytes: TEXT });
    await drain();
    expect(total(metrics, 'documentsUploaded')).toBe(1);
    expect(total(metrics, 'documentsProcessed')).toBe(1);
    expect(metrics.of('processingStageSeconds').map((call) => call.labels.stage)).toEqual([
      'extracting',
      'chunking',
      'indexing',
      'embedding',
    ]);
    for (const call of metrics.of('processingStageSeconds')) expect(call.value).toBeGreaterThan(0);
    // document.process, then document.embed.
    expect(metrics.of('jobsFinished').map((call) => call.labels)).toEqual([
      { outcome: 'done', code: 'none' },
      { outcome: 'done', code: 'none' },
    ]);
    const passages = metrics.of('embeddedTexts').filter((call) => call.labels.purpose === 'passage');
    expect(passages.reduce((sum, call) => sum + call.value, 0)).toBeGreaterThan(0);
    expect(total(metrics, 'embeddingSeconds')).toBeGreaterThan(0);
    expect(JSON.stringify(metrics.calls)).not.toMatch(/alice|cats\.txt/);
  });

  it('counts a document whose file vanished as failed under its reason code', async () => {
    const { container, metrics, adapters, drain } = compose();
    const { document } = await container.get(TOKENS.UploadDocument).execute(ALICE, { name: 'cats.txt', bytes: TEXT });
    await adapters.BlobStore.delete(document.blobKey);
    await drain();
    expect(metrics.of('documentsFailed').map((call) => call.labels)).toEqual([{ reason: 'extraction_failed' }]);
    expect(total(metrics, 'documentsProcessed')).toBe(0);
  });

  it('counts questions, abstentions and the time to answer', async () => {
    const { container, metrics, drain } = compose();
    await container.get(TOKENS.UploadDocument).execute(ALICE, { name: 'cats.txt', bytes: TEXT });
    await drain();
    const ask = container.get(TOKENS.AskQuestion);
    const answered = await ask.execute(ALICE, { question: 'How long do cats sleep?' });
    const abstained = await ask.execute(ALICE, { question: 'What is the melting point of tungsten?' });
    expect([answered.abstained, abstained.abstained]).toEqual([false, true]);
    expect(total(metrics, 'questionsAsked')).toBe(2);
    expect(total(metrics, 'questionsAbstained')).toBe(1);
    expect(metrics.of('askSeconds')).toHaveLength(2);
    expect(metrics.of('embeddedTexts').some((call) => call.labels.purpose === 'query')).toBe(true);
  });

  it('forwards what it does not measure to the adapter itself', async () => {
    const { container, adapters } = compose();
    const embedder = container.get(TOKENS.Embedder);
    expect(embedder).not.toBe(adapters.Embedder);
    expect([embedder.modelId, embedder.dimensions]).toEqual([adapters.Embedder.modelId, adapters.Embedder.dimensions]);
    expect(await container.get(TOKENS.JobQueue).requeueRunning()).toBe(0);
  });
});
