import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeDocumentContent } from './chunks.ts';
import { makeDocument } from './documents.ts';
import { ManualClock } from './manual-clock.ts';
import { randomSha256, uniqueId } from './unique-id.ts';
import { cosine, seededVector, unitVector, vectorNorm, vectorOf } from './vectors.ts';

describe('test builders', () => {
  it('property: makeDocumentContent chunks are exact slices of the text, one block each', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 30 }), { maxLength: 8 }), (paragraphs) => {
        const { text, chunks } = makeDocumentContent({ ownerId: 'o', documentId: 'd', paragraphs, page: 2 });
        expect(chunks.map((chunk) => chunk.text)).toEqual(paragraphs);
        for (const [i, chunk] of chunks.entries()) {
          expect(text.text.slice(chunk.charStart, chunk.charEnd)).toBe(chunk.text);
          expect(chunk.ordinal).toBe(i);
          expect(chunk.page).toBe(2);
          expect(text.blocks[i]).toEqual({ charStart: chunk.charStart, charEnd: chunk.charEnd });
        }
      }),
    );
  });

  it('makeDocument gives unique ids and hashes and a blob key from the final ids', () => {
    const a = makeDocument();
    const b = makeDocument({ ownerId: 'alice', id: 'doc-1' });
    expect(a.id).not.toBe(b.id);
    expect(a.sha256).not.toBe(b.sha256);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(b.blobKey).toBe('documents/alice/doc-1');
    expect(randomSha256()).not.toBe(randomSha256());
    expect(uniqueId('x')).not.toBe(uniqueId('x'));
  });

  it('ManualClock moves only when told and hands out independent dates', () => {
    const clock = new ManualClock('2024-05-01T00:00:00.000Z');
    const first = clock.now();
    first.setFullYear(1999);
    clock.advance(1500);
    expect(clock.now().toISOString()).toBe('2024-05-01T00:00:01.500Z');
    clock.set('2030-01-01T00:00:00.000Z');
    expect(clock.now().getUTCFullYear()).toBe(2030);
  });

  it('vector helpers compute norms and cosines and reproduce seeded vectors', () => {
    expect(vectorNorm(vectorOf(4, [3, 4]))).toBeCloseTo(5);
    expect(cosine(unitVector(3, 0), vectorOf(3, [2, 2]))).toBeCloseTo(Math.SQRT1_2);
    expect(cosine(unitVector(3, 0), new Float32Array(3))).toBe(0);
    expect(seededVector(8, 7)).toEqual(seededVector(8, 7));
    expect(seededVector(8, 7)).not.toEqual(seededVector(8, 8));
    expect(Array.from(seededVector(64, 3)).every((value) => value >= -1 && value < 1)).toBe(true);
    expect(() => vectorOf(2, [1, 2, 3])).toThrow(RangeError);
  });
});
