import { describe, expect, it } from 'vitest';
import { CountingEmbedder } from '../../test-support/counting-embedder.ts';
import { createWorld, type World } from '../../test-support/in-memory-world.ts';
import { runPipeline } from '../../test-support/run-pipeline.ts';
import { distinctTexts, embeddingUnits } from '../documents/embedding-units.ts';
import type { ProcessDocumentOptions } from './process-document.ts';

// A licence quoted in three sections, between sections of their own: the same sentences recur.
const LICENCE = 'Permission is hereby granted, free of charge, to any person obtaining a copy of this software.';
const REPEATING = ['A', 'B', 'C']
  .map(
    (section) =>
      `${section} SECTION\n\n${LICENCE} ${LICENCE}\n\nSection ${section} says something of its own about option ${section}.`,
  )
  .join('\n\n');

/** Processes `text` with a counting embedder; returns it and the stored chunks. */
const processCounting = async (world: World, text: string, options: ProcessDocumentOptions) => {
  const alice = await world.user();
  const uploaded = await world.uploadText(alice, 'notice.txt', text);
  const counting = new CountingEmbedder(world.ports.embedder);
  await runPipeline(world, { embedder: counting }, options, { ownerId: alice.userId, documentId: uploaded.id });
  const chunks = await world.ports.chunks.listForDocument(alice.userId, uploaded.id);
  const document = await world.ports.documents.get(alice.userId, uploaded.id);
  return { counting, chunks, document, alice, uploaded };
};

describe('ProcessDocument embedding units', () => {
  it('embeds each distinct window text once when the text repeats, and still gives every chunk a vector', async () => {
    const world = createWorld();
    const options = { windowChars: 100, batchSize: 2, chunking: { maxChars: 240, targetChars: 200, overlapChars: 40 } };
    const { counting, chunks, document, alice, uploaded } = await processCounting(world, REPEATING, options);
    expect(document?.status).toBe('ready');
    const text = (await world.ports.chunks.getText(alice.userId, uploaded.id))?.text ?? '';
    const windows = embeddingUnits('window', text, chunks, 100);
    const distinct = new Set(windows.map((w) => text.slice(w.start, w.end)));
    expect(distinct.size).toBeLessThan(windows.length);
    expect(counting.passages).toHaveLength(distinct.size);
    expect(new Set(counting.passages).size).toBe(counting.passages.length);
    const [query] = await world.ports.embedder.embed([LICENCE], { purpose: 'query' });
    const hits = await world.ports.vectors.search({
      vector: query ?? new Float32Array(),
      ownerId: alice.userId,
      limit: 1000,
    });
    expect(new Set(hits.map((h) => h.chunkId))).toEqual(new Set(chunks.map((c) => c.id)));
  });

  it('embeds each chunk whole, once, with the chunk unit', async () => {
    const world = createWorld();
    const options = { embedUnit: 'chunk' as const, chunking: { maxChars: 240, targetChars: 200, overlapChars: 40 } };
    const { counting, chunks } = await processCounting(world, `${REPEATING}\n\nD SECTION\n\nThe end.`, options);
    expect(counting.passages).toEqual(chunks.map((c) => c.text));
  });
});

describe('distinctTexts', () => {
  it('maps every window to the first occurrence of its text', () => {
    const text = 'abcabcxyz';
    const windows = [
      { start: 0, end: 3 },
      { start: 3, end: 6 },
      { start: 6, end: 9 },
    ];
    expect(distinctTexts(text, windows)).toEqual({ texts: ['abc', 'xyz'], textOf: [0, 0, 1] });
  });
});
