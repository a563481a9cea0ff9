import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkDocument } from './chunk-document.ts';
import { embeddingWindows, sentenceWindows } from './sentence-windows.ts';

const slices = (text: string, ranges: readonly { start: number; end: number }[]) =>
  ranges.map((r) => text.slice(r.start, r.end));

describe('sentenceWindows', () => {
  it('packs whole consecutive sentences up to the size, without overlap', () => {
    const text = 'One two. Three four five. Six.\nSeven eight nine ten eleven twelve.';
    expect(slices(text, sentenceWindows(text, 26))).toEqual([
      'One two. Three four five.',
      'Six.\nSeven eight nine ten',
      'eleven twelve.',
    ]);
  });

  it('property: windows are in order, disjoint, at most maxChars, and cover every word', () => {
    const word = fc.constantFrom('alpha', 'be.', 'gamma', 'delta!', 'x', '\n', 'epsilon?', 'longerwordhere');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 60 }), fc.integer({ min: 8, max: 80 }), (words, maxChars) => {
        const text = words.join(' ');
        const windows = sentenceWindows(text, maxChars);
        let last = 0;
        for (const w of windows) {
          expect(w.start).toBeGreaterThanOrEqual(last);
          expect(w.end - w.start).toBeLessThanOrEqual(maxChars);
          last = w.end;
        }
        expect(slices(text, windows).join('').replace(/\s+/gu, '')).toBe(text.replace(/\s+/gu, ''));
      }),
    );
  });
});

describe('embeddingWindows', () => {
  it('gives every chunk at least one window, and each window only to chunks overlapping it', () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) => `Paragraph ${i} says something. It has two sentences.`);
    const text = ['NAME', 'tool - does things', 'DESCRIPTION', ...paragraphs].join('\n');
    const blocks: Array<{ charStart: number; charEnd: number }> = [];
    let at = 0;
    for (const line of text.split('\n')) {
      blocks.push({ charStart: at, charEnd: at + line.length });
      at += line.length + 1;
    }
    const headings = [0, 2].map((b) => ({
      level: 1,
      text: text.slice(blocks[b]?.charStart, blocks[b]?.charEnd),
      charStart: blocks[b]?.charStart ?? 0,
      charEnd: blocks[b]?.charEnd ?? 0,
    }));
    const chunks = chunkDocument(
      { text, pages: [], headings, blocks },
      { maxChars: 200, targetChars: 150, overlapChars: 60 },
    );
    expect(chunks.length).toBeGreaterThan(3);
    const windows = embeddingWindows(text, chunks, 60);
    const owned = new Set(windows.flatMap((w) => w.chunks));
    expect([...owned].sort((a, b) => a - b)).toEqual(chunks.map((_, i) => i));
    for (const w of windows) {
      expect(w.end - w.start).toBeLessThanOrEqual(60);
      for (const c of w.chunks) {
        const chunk = chunks[c];
        expect(Math.min(chunk?.charEnd ?? 0, w.end) - Math.max(chunk?.charStart ?? 0, w.start)).toBeGreaterThan(0);
      }
    }
    // The overlap between neighbouring chunks is embedded once and shared.
    expect(windows.some((w) => w.chunks.length > 1)).toBe(true);
  });
});
