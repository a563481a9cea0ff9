import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rawDocument } from '../../test-support/raw-document-arbitrary.ts';
import type { RawBlock } from '../entities/raw-document.ts';
import { type ChunkDraft, type ChunkOptions, chunkDocument } from './chunk-document.ts';
import { normalizeDocument } from './normalize-document.ts';

const textOf = (blocks: RawBlock[]) => normalizeDocument({ contentType: 'text/plain', blocks });
const para = (text: string, page?: number): RawBlock => ({ kind: 'paragraph', text, ...(page ? { page } : {}) });
const heading = (text: string, level = 1): RawBlock => ({ kind: 'heading', text, level });
const sentence = (i: number): string => `Sentence number ${i} says something about option ${i}.`;
const sentences = (from: number, count: number): string =>
  Array.from({ length: count }, (_, i) => sentence(from + i)).join(' ');

describe('chunkDocument', () => {
  it('keeps a short document in one chunk', () => {
    const doc = textOf([para('Hello world.'), para('Second paragraph.')]);
    expect(chunkDocument(doc)).toEqual([
      { ordinal: 0, text: 'Hello world.\nSecond paragraph.', charStart: 0, charEnd: 30 },
    ]);
  });

  it('starts a new chunk at each heading, keeping the heading inside the chunk it introduces', () => {
    const doc = textOf([
      para('Preface.'),
      heading('NAME'),
      para('curl - transfer a URL'),
      heading('SYNOPSIS'),
      para('curl [options]'),
    ]);
    const chunks = chunkDocument(doc);
    expect(chunks.map((c) => [c.text, c.heading])).toEqual([
      ['Preface.', undefined],
      ['NAME\ncurl - transfer a URL', 'NAME'],
      ['SYNOPSIS\ncurl [options]', 'SYNOPSIS'],
    ]);
  });

  it('keeps consecutive headings together and names the chunk after the nearest one', () => {
    const doc = textOf([heading('Manual', 1), heading('Installing', 2), para('Run make.')]);
    expect(chunkDocument(doc)).toMatchObject([{ text: 'Manual\nInstalling\nRun make.', heading: 'Installing' }]);
  });

  it('records the page where each chunk starts', () => {
    const doc = normalizeDocument({
      contentType: 'application/pdf',
      blocks: [
        { kind: 'heading', text: 'One', page: 1 },
        { kind: 'paragraph', text: sentences(0, 30), page: 1 },
        { kind: 'paragraph', text: sentences(30, 30), page: 2 },
      ],
    });
    const chunks = chunkDocument(doc);
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) {
      const page2Start = doc.pages[1]?.charStart ?? 0;
      expect(chunk.page).toBe(chunk.charStart >= page2Start ? 2 : 1);
      expect(chunk.heading).toBe('One');
    }
  });

  it('prefers cutting between blocks of a long section', () => {
    const blocks = Array.from({ length: 8 }, (_, i) => para(sentences(i * 10, 5)));
    const doc = textOf([heading('OPTIONS'), ...blocks]);
    const chunks = chunkDocument(doc);
    const blockEnds = new Set(doc.blocks.map((b) => b.charEnd));
    for (const chunk of chunks.slice(0, -1)) expect(blockEnds.has(chunk.charEnd)).toBe(true);
  });

  it('cuts a long paragraph at sentence ends, with overlapping chunks that start at sentences', () => {
    const doc = textOf([para(sentences(0, 80))]);
    const chunks = chunkDocument(doc);
    expect(chunks.length).toBeGreaterThan(3);
    for (const [i, chunk] of chunks.entries()) {
      expect(chunk.text).toMatch(/^Sentence number \d+/u);
      expect(chunk.text).toMatch(/\.$/u);
      expect(chunk.text.length).toBeLessThanOrEqual(1200);
      if (i < chunks.length - 1) expect(chunk.text.length).toBeGreaterThanOrEqual(600);
      const next = chunks[i + 1];
      if (next) expect(chunk.charEnd - next.charStart).toBeGreaterThanOrEqual(250);
    }
  });

  it('cuts text without sentence ends between words', () => {
    const doc = textOf([para(Array.from({ length: 600 }, (_, i) => `w${i}`).join(' '))]);
    for (const chunk of chunkDocument(doc)) expect(chunk.text).toMatch(/^w\d+( w\d+)*$/u);
  });

  it('cuts a run without spaces hard, never splitting a surrogate pair', () => {
    const doc = textOf([para('\u{1F600}'.repeat(2000))]);
    const chunks = chunkDocument(doc);
    expect(chunks.length).toBeGreaterThan(4);
    for (const chunk of chunks) expect(chunk.text).toMatch(/^(\u{1F600})+$/u);
  });

  it('rejects inconsistent sizes', () => {
    expect(() => chunkDocument(textOf([para('x')]), { maxChars: 500, targetChars: 800 })).toThrow(/Chunk sizes/u);
    expect(() => chunkDocument(textOf([para('x')]), { targetChars: 300, overlapChars: 300 })).toThrow(/Chunk sizes/u);
  });

  it('gives no chunks for an empty text', () => {
    expect(chunkDocument(textOf([]))).toEqual([]);
  });
});

const options: fc.Arbitrary<ChunkOptions> = fc.oneof(
  fc.constant({}),
  fc
    .record({ overlap: fc.integer({ min: 0, max: 300 }), extra: fc.integer({ min: 2, max: 500 }), slack: fc.nat(400) })
    .map(({ overlap, extra, slack }) => ({
      overlapChars: overlap,
      targetChars: overlap + extra,
      maxChars: overlap + extra + slack,
    })),
);

const checkInvariants = (text: string, chunks: ChunkDraft[], maxChars: number): void => {
  const covered = new Uint8Array(text.length);
  chunks.forEach((chunk, i) => {
    expect(chunk.ordinal).toBe(i);
    expect(chunk.text).toBe(text.slice(chunk.charStart, chunk.charEnd));
    expect(chunk.text.length).toBeGreaterThan(0);
    expect(chunk.text.length).toBeLessThanOrEqual(maxChars);
    if (i > 0) expect(chunk.charStart).toBeGreaterThan(chunks[i - 1]?.charStart ?? -1);
    covered.fill(1, chunk.charStart, chunk.charEnd);
  });
  for (let i = 0; i < text.length; i++) if (!/\s/u.test(text[i] ?? '')) expect(covered[i]).toBe(1);
};

describe('chunkDocument properties', () => {
  it('round-trips offsets, covers every visible character, respects maxChars, keeps order', () => {
    fc.assert(
      fc.property(rawDocument, options, (raw, opts) => {
        const doc = normalizeDocument(raw);
        checkInvariants(doc.text, chunkDocument(doc, opts), opts.maxChars ?? 1200);
      }),
      { numRuns: 200 },
    );
  });

  it('puts every quote no longer than the overlap wholly inside some chunk of its section', () => {
    const longSection = fc.array(fc.constantFrom('alpha', 'beta.', 'gamma', 'x'.repeat(40), 'd'), {
      minLength: 300,
      maxLength: 1500,
    });
    fc.assert(
      fc.property(longSection, fc.nat(), fc.integer({ min: 1, max: 250 }), (words, at, length) => {
        const doc = textOf([para(words.join(' '))]);
        const start = at % Math.max(1, doc.text.length - length);
        const end = Math.min(doc.text.length, start + length);
        const chunks = chunkDocument(doc);
        expect(chunks.some((c) => c.charStart <= start && c.charEnd >= end)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
