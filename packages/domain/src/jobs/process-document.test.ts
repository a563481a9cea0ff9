import { describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../test-support/in-memory-world.ts';
import { PlainTextExtractor } from '../../test-support/plain-text-extractor.ts';
import { runPipeline } from '../../test-support/run-pipeline.ts';
import { isSearchable, type ProcessingProgress } from '../entities/document.ts';
import { DocentError } from '../errors.ts';
import type { Embedder } from '../ports/embedder.ts';
import type { TextExtractor } from '../ports/text-extractor.ts';
import { ProcessDocument } from './process-document.ts';

const MAN_PAGE = [
  'NAME',
  '       xz - Compress or decompress .xz files',
  'DESCRIPTION',
  ...Array.from(
    { length: 30 },
    (_, i) => `       Paragraph ${i} of the manual explains option number ${i} in some detail. It is long enough to
       need several chunks once all thirty paragraphs are put together in one section.`,
  ),
  'EXIT STATUS',
  '       2 Something worth a warning occurred, but no actual errors occurred.',
].join('\n\n');

const vectorCount = async (world: World, ownerId: string, documentId: string) =>
  (
    await world.ports.vectors.search({
      vector: (await world.ports.embedder.embed(['manual']))[0] ?? new Float32Array(),
      ownerId,
      documentIds: [documentId],
      limit: 10_000,
    })
  ).length;

const lexicalCount = async (world: World, ownerId: string, documentId: string) =>
  (
    await world.ports.lexical.search({
      text: 'paragraph manual warning xz',
      ownerId,
      documentIds: [documentId],
      limit: 10_000,
    })
  ).length;

/** The world's documents, recording every progress written through them. */
const recordProgress = (world: World) => {
  const seen: ProcessingProgress[] = [];
  const documents = world.ports.documents;
  const recording: typeof documents = Object.assign(Object.create(documents), {
    update: async (...args: Parameters<typeof documents.update>) => {
      if (args[2].progress) seen.push(args[2].progress);
      return documents.update(...args);
    },
  });
  return { recording, seen };
};

/** The world's embedder, calling `before` ahead of every batch. */
const beforeEachBatch = (world: World, before: () => void): Embedder => ({
  modelId: world.ports.embedder.modelId,
  dimensions: world.ports.embedder.dimensions,
  embed: async (texts, options) => {
    before();
    return world.ports.embedder.embed(texts, options);
  },
});

/**
 * The world's embedder, holding every passage call from the third until `release()`: the embedding
 * job runs one call ahead of its writes, so the third call starts once the first batch is stored.
 * Processing then stays in its embedding stage with one or two batches of vectors stored, for as
 * long as the test likes.
 */
const heldAfterFirstBatch = (world: World) => {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let reachedThird: () => void = () => {};
  const holding = new Promise<void>((resolve) => {
    reachedThird = resolve;
  });
  let calls = 0;
  const embedder: Embedder = {
    modelId: world.ports.embedder.modelId,
    dimensions: world.ports.embedder.dimensions,
    embed: async (texts, options) => {
      if (options?.purpose === 'passage' && ++calls > 2) {
        reachedThird();
        await released;
      }
      return world.ports.embedder.embed(texts, options);
    },
  };
  return { embedder, holding, release };
};

describe('ProcessDocument', () => {
  it('extracts, chunks, embeds and indexes, then marks the document ready', async () => {
    const world = createWorld();
    const alice = await world.user();
    const uploaded = await world.uploadText(alice, 'xz.1.txt', MAN_PAGE);
    world.clock.advance(5000);
    // `document.process`, then the `document.embed` it enqueued.
    expect(await world.drainJobs()).toBe(2);

    const document = await world.ports.documents.get(alice.userId, uploaded.id);
    const chunks = await world.ports.chunks.listForDocument(alice.userId, uploaded.id);
    expect(chunks.length).toBeGreaterThan(3);
    expect(document).toMatchObject({
      status: 'ready',
      readyAt: '2025-01-01T00:00:05.000Z',
      chunkCount: chunks.length,
      progress: { stage: 'done', done: chunks.length, total: chunks.length },
    });
    expect(document?.error).toBeUndefined();
    const text = await world.ports.chunks.getText(alice.userId, uploaded.id);
    for (const chunk of chunks) {
      expect(chunk.text).toBe(text?.text.slice(chunk.charStart, chunk.charEnd));
      expect(chunk).toMatchObject({ documentId: uploaded.id, ownerId: alice.userId });
    }
    expect(chunks.map((c) => c.heading)).toEqual(expect.arrayContaining(['NAME', 'DESCRIPTION', 'EXIT STATUS']));
    expect(await vectorCount(world, alice.userId, uploaded.id)).toBe(chunks.length);
    expect(await lexicalCount(world, alice.userId, uploaded.id)).toBe(chunks.length);
  });

  it('reports progress through every stage, embedding batch by batch', async () => {
    const world = createWorld();
    const alice = await world.user();
    const uploaded = await world.uploadText(alice, 'xz.1.txt', MAN_PAGE);
    const { recording, seen } = recordProgress(world);
    const documents = world.ports.documents;
    await runPipeline(
      world,
      { documents: recording },
      { batchSize: 4 },
      { ownerId: alice.userId, documentId: uploaded.id },
    );
    const chunkCount = (await documents.get(alice.userId, uploaded.id))?.chunkCount ?? 0;
    const embedding = seen.filter((p) => p.stage === 'embedding');
    expect(seen.map((p) => p.stage)).toEqual([
      'extracting',
      'chunking',
      'indexing',
      ...embedding.map(() => 'embedding'),
      'done',
    ]);
    // Windows are embedded four at a time; progress counts the chunks whose windows are all done.
    const done = embedding.map((p) => p.done);
    expect(embedding.every((p) => p.total === chunkCount)).toBe(true);
    expect(done[0]).toBe(0);
    expect(done.at(-1)).toBe(chunkCount);
    expect(done.length).toBeGreaterThan(Math.ceil(chunkCount / 4));
    for (let i = 1; i < done.length; i++) expect(done[i]).toBeGreaterThanOrEqual(done[i - 1] ?? 0);
  });

  it('makes the document searchable by BM25 before embedding ends, storing vectors batch by batch', async () => {
    const world = createWorld();
    const alice = await world.user();
    const uploaded = await world.uploadText(alice, 'xz.1.txt', MAN_PAGE);
    const held = heldAfterFirstBatch(world);
    const payload = { ownerId: alice.userId, documentId: uploaded.id };
    const processing = runPipeline(world, { embedder: held.embedder }, { batchSize: 4 }, payload);
    await held.holding;

    const during = await world.ports.documents.get(alice.userId, uploaded.id);
    const chunks = await world.ports.chunks.listForDocument(alice.userId, uploaded.id);
    expect(during).toMatchObject({ status: 'processing', progress: { stage: 'embedding' } });
    expect(during && isSearchable(during)).toBe(true);
    expect(await lexicalCount(world, alice.userId, uploaded.id)).toBe(chunks.length);
    // Only the first batches' vectors exist (four windows a batch, each in one chunk or two).
    const stored = await vectorCount(world, alice.userId, uploaded.id);
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(chunks.length);
    // Asking does not wait for the embedder: BM25 finds the passage, cited from the processing document.
    const answer = await world.ask.execute(alice, { question: 'What does exit status 2 mean?' });
    expect(answer.abstained).toBe(false);
    expect(answer.sources[0]).toMatchObject({
      documentId: uploaded.id,
      text: expect.stringContaining('worth a warning'),
    });

    held.release();
    await processing;
    expect(await world.ports.documents.get(alice.userId, uploaded.id)).toMatchObject({ status: 'ready' });
    expect(await vectorCount(world, alice.userId, uploaded.id)).toBe(chunks.length);
  });

  it('is idempotent: running again replaces chunks and index entries instead of adding to them', async () => {
    const world = createWorld();
    const alice = await world.user();
    const uploaded = await world.uploadText(alice, 'xz.1.txt', MAN_PAGE);
    await world.drainJobs();
    const payload = { ownerId: alice.userId, documentId: uploaded.id };
    await world.processor.run(payload);
    await world.drainJobs();
    const chunks = await world.ports.chunks.listForDocument(alice.userId, uploaded.id);
    expect(await vectorCount(world, alice.userId, uploaded.id)).toBe(chunks.length);
    expect(await lexicalCount(world, alice.userId, uploaded.id)).toBe(chunks.length);
    expect((await world.ports.documents.get(alice.userId, uploaded.id))?.chunkCount).toBe(chunks.length);
  });

  it('marks unreadable and empty files failed at once, with the reason code, without retrying', async () => {
    const world = createWorld();
    const alice = await world.user();
    const invalid = (await world.upload.execute(alice, { name: 'bad.txt', bytes: new Uint8Array([0xff, 0xfe, 0x41]) }))
      .document;
    const empty = await world.uploadText(alice, 'empty.txt', ' \n\n \t ');
    expect(await world.drainJobs()).toBe(2);
    world.clock.advance(3_600_000);
    expect(await world.drainJobs()).toBe(0);
    expect(await world.ports.documents.get(alice.userId, invalid.id)).toMatchObject({
      status: 'failed',
      progress: { stage: 'failed' },
      error: { code: 'extraction_failed', message: 'The file is not valid UTF-8.' },
    });
    expect((await world.ports.documents.get(alice.userId, empty.id))?.error?.code).toBe('empty_document');
  });

  it('fails too_large before any embedding when the document has too many chunks', async () => {
    // Far over the cap, the visible characters alone prove it before chunking; near it, the chunks do.
    const fewest = Math.ceil(MAN_PAGE.replace(/\s+/gu, '').length / 1200);
    for (const [maxChunks, said] of [
      [1, new RegExp(`it has at least ${fewest} passages`, 'u')],
      [fewest, /it has \d+ passages/u],
    ] as const) {
      const world = createWorld();
      let embedCalls = 0;
      const counting = beforeEachBatch(world, () => {
        embedCalls += 1;
      });
      const alice = await world.user();
      const uploaded = await world.uploadText(alice, 'xz.1.txt', MAN_PAGE);
      await runPipeline(
        world,
        { embedder: counting },
        { maxChunks },
        { ownerId: alice.userId, documentId: uploaded.id },
      );
      expect(embedCalls).toBe(0);
      const document = await world.ports.documents.get(alice.userId, uploaded.id);
      expect(document).toMatchObject({ status: 'failed', error: { code: 'too_large' }, progress: { stage: 'failed' } });
      expect(document?.error?.message).toMatch(said);
      expect(document?.error?.message).toContain(`more than the limit of ${maxChunks}. Split it`);
      expect(await world.ports.chunks.listForDocument(alice.userId, uploaded.id)).toEqual([]);
      // The same document under the default cap is processed.
      await world.drainJobs();
      expect((await world.ports.documents.get(alice.userId, uploaded.id))?.status).toBe('ready');
    }
  });

  it('fails at once, without retrying, when the extractor gives up for size or time', async () => {
    for (const code of ['too_large', 'extraction_timeout'] as const) {
      const plain = new PlainTextExtractor();
      const failing: TextExtractor = {
        formats: plain.formats,
        detectType: (name, bytes) => plain.detectType(name, bytes),
        extract: async () => {
          throw new DocentError(code, 'Gave up.');
        },
      };
      const world = createWorld({ extractor: failing });
      const alice = await world.user();
      const uploaded = await world.uploadText(alice, 'a.txt', 'Some text.');
      expect(await world.drainJobs()).toBe(1);
      world.clock.advance(3_600_000);
      expect(await world.drainJobs()).toBe(0);
      expect((await world.ports.documents.get(alice.userId, uploaded.id))?.error).toEqual({
        code,
        message: 'Gave up.',
      });
    }
  });

  it('estimates the remaining embedding time from the rate measured in this run', async () => {
    const world = createWorld();
    let batches = 0;
    // Each batch takes one second of the test clock, counted when it is stored (the next batch is
    // already computing then: the job runs one embedder call ahead of its writes).
    const vectors: typeof world.ports.vectors = Object.assign(Object.create(world.ports.vectors), {
      upsert: async (...args: Parameters<typeof world.ports.vectors.upsert>) => {
        batches += 1;
        world.clock.advance(1000);
        return world.ports.vectors.upsert(...args);
      },
    });
    const alice = await world.user();
    const uploaded = await world.uploadText(alice, 'xz.1.txt', MAN_PAGE);
    const { recording, seen: all } = recordProgress(world);
    const documents = world.ports.documents;
    const payload = { ownerId: alice.userId, documentId: uploaded.id };
    await runPipeline(world, { documents: recording, vectors }, { batchSize: 4 }, payload);
    const seen = all.filter((p) => p.stage === 'embedding');
    // No estimate before the first batch; then one second per batch still to go.
    expect(seen[0]?.etaSeconds).toBeUndefined();
    expect(seen.slice(1).map((p) => p.etaSeconds)).toEqual(Array.from({ length: batches }, (_, i) => batches - 1 - i));
    expect(batches).toBeGreaterThan(3);
    const done = await documents.get(alice.userId, uploaded.id);
    expect(done?.progress.etaSeconds).toBeUndefined();
  });

  it('makes any unexpected error retryable', async () => {
    const world = createWorld();
    const broken: Embedder = {
      modelId: 'broken',
      dimensions: 64,
      embed: async () => {
        throw new TypeError('boom');
      },
    };
    const alice = await world.user();
    const uploaded = await world.uploadText(alice, 'a.txt', 'Some text.');
    const payload = { ownerId: alice.userId, documentId: uploaded.id };
    await expect(runPipeline(world, { embedder: broken }, {}, payload)).rejects.toMatchObject({
      code: 'internal_error',
      retryable: true,
      message: 'boom',
    });
  });

  it('gives up with the failure code, or processing_failed when the code says nothing', async () => {
    const world = createWorld();
    const alice = await world.user();
    const a = await world.uploadText(alice, 'a.txt', 'Some text.');
    const b = await world.uploadText(alice, 'b.txt', 'Other text.');
    await world.processor.giveUp(
      { ownerId: alice.userId, documentId: a.id },
      { code: 'embedding_failed', message: 'Model down.', retryable: true },
    );
    await world.processor.giveUp(
      { ownerId: alice.userId, documentId: b.id },
      { code: 'internal_error', message: 'boom', retryable: true },
    );
    expect((await world.ports.documents.get(alice.userId, a.id))?.error).toEqual({
      code: 'embedding_failed',
      message: 'Model down.',
    });
    expect((await world.ports.documents.get(alice.userId, b.id))?.error).toEqual({
      code: 'processing_failed',
      message: 'boom',
    });
    await expect(
      world.processor.giveUp({ documentId: 1 }, { code: 'x', message: 'y', retryable: false }),
    ).resolves.toBeUndefined();
  });

  it('does nothing for a document that no longer exists, and rejects a malformed payload', async () => {
    const world = createWorld();
    await expect(world.processor.run({ ownerId: 'nobody', documentId: 'gone' })).resolves.toBeUndefined();
    await expect(world.processor.run({ ownerId: 'nobody' })).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('purges what it wrote when the owner deletes the document mid-run', async () => {
    const world = createWorld();
    const alice = await world.user();
    const uploaded = await world.uploadText(alice, 'xz.1.txt', MAN_PAGE);
    const lexical = world.ports.lexical;
    // The deletion lands while indexing, so the entries written next outlive it unless purged.
    const deletingFirst = Object.assign(Object.create(lexical), {
      add: async (...args: Parameters<typeof lexical.add>) => {
        await world.delete.execute(alice, { documentId: uploaded.id });
        return lexical.add(...args);
      },
    });
    await new ProcessDocument({ ...world.ports, lexical: deletingFirst }).run({
      ownerId: alice.userId,
      documentId: uploaded.id,
    });
    expect(await world.ports.documents.get(alice.userId, uploaded.id)).toBeNull();
    expect(await world.ports.chunks.listForDocument(alice.userId, uploaded.id)).toEqual([]);
    expect(await world.ports.chunks.getText(alice.userId, uploaded.id)).toBeNull();
    expect(await vectorCount(world, alice.userId, uploaded.id)).toBe(0);
    expect(await lexicalCount(world, alice.userId, uploaded.id)).toBe(0);
  });
});
