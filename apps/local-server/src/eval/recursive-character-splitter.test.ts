import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitRecursively } from './recursive-character-splitter.ts';

const texts = (source: string, options?: Parameters<typeof splitRecursively>[1]) =>
  splitRecursively(source, options).map((c) => c.text);

// LangChain.js's algorithm transcribed literally on strings (regex lookahead split, `trim()`), as the
// reference the offset-based implementation must reproduce exactly.
const reference = (
  source: string,
  chunkSize: number,
  chunkOverlap: number,
  separators: readonly string[],
): string[] => {
  const escapeRegExp = (s: string) => s.replace(/[/\-\\^$*+?.()|[\]{}]/g, '\\$&');
  const splitOn = (t: string, sep: string) =>
    (sep ? t.split(new RegExp(`(?=${escapeRegExp(sep)})`)) : t.split('')).filter((s) => s !== '');
  const merge = (splits: string[]) => {
    const docs: string[] = [];
    const current: string[] = [];
    let total = 0;
    for (const d of splits) {
      if (total + d.length > chunkSize && current.length > 0) {
        const doc = current.join('').trim();
        if (doc !== '') docs.push(doc);
        while (total > chunkOverlap || (total + d.length > chunkSize && total > 0)) {
          total -= (current.shift() as string).length;
        }
      }
      current.push(d);
      total += d.length;
    }
    const doc = current.join('').trim();
    if (doc !== '') docs.push(doc);
    return docs;
  };
  const split = (t: string, seps: readonly string[]): string[] => {
    let separator = seps[seps.length - 1] ?? '';
    let rest: readonly string[] | undefined;
    for (let i = 0; i < seps.length; i++) {
      const s = seps[i] as string;
      if (s === '') {
        separator = s;
        break;
      }
      if (t.includes(s)) {
        separator = s;
        rest = seps.slice(i + 1);
        break;
      }
    }
    const out: string[] = [];
    let good: string[] = [];
    for (const s of splitOn(t, separator)) {
      if (s.length < chunkSize) good.push(s);
      else {
        if (good.length) out.push(...merge(good));
        good = [];
        out.push(...(rest ? split(s, rest) : [s]));
      }
    }
    if (good.length) out.push(...merge(good));
    return out;
  };
  return split(source, separators);
};

describe('splitRecursively (LangChain RecursiveCharacterTextSplitter)', () => {
  it("gives LangChain's documented output on its iterative example", () => {
    const source =
      "Hi.\n\nI'm Harrison.\n\nHow? Are? You?\nOkay then f f f f.\n" +
      'This is a weird text to write, but gotta test the splittingggg some how.\n\n\nBye!\n\n-H.';
    expect(texts(source, { chunkSize: 10, chunkOverlap: 1 })).toEqual([
      'Hi.',
      "I'm",
      'Harrison.',
      'How? Are?',
      'You?',
      'Okay then',
      'f f f f.',
      'This is a',
      'weird',
      'text to',
      'write,',
      'but gotta',
      'test the',
      'splitting',
      'gggg',
      'some how.',
      'Bye!',
      '-H.',
    ]);
  });

  it('repeats whole lines as overlap when they fit', () => {
    const line = (char: string, n: number) => `${char.repeat(n - 1)}\n`;
    const [a, b, c] = [line('A', 70), line('B', 20), line('C', 70)];
    expect(texts(a + b + c, { chunkSize: 100, chunkOverlap: 30 })).toEqual([a + b.trim(), b + c.trim()]);
  });

  it('merges paragraphs up to 1000 characters, repeating up to 200 of them, by default', () => {
    // Paragraph p is "Pnn " plus filler words: `size` characters in all.
    const paragraph = (p: number, size: number) => `P${String(p).padStart(2, '0')} ${'w'.repeat(size - 4)}`;
    const doc = (size: number) => Array.from({ length: 12 }, (_, p) => paragraph(p, size)).join('\n');
    // 400-character paragraphs: two fit in 1000, a third does not; none fits in a 200 overlap.
    expect(texts(doc(400)).map((t) => t.split('\n').map((line) => line.slice(0, 3)))).toEqual(
      [0, 2, 4, 6, 8, 10].map((p) => [`P${String(p).padStart(2, '0')}`, `P${String(p + 1).padStart(2, '0')}`]),
    );
    // 150-character paragraphs: six fit (905 characters with their line breaks); the last one
    // (151 <= 200) is repeated at the start of the next chunk.
    const chunks = texts(doc(150));
    expect(chunks.map((t) => t.split('\n').length)).toEqual([6, 6, 2]);
    expect(chunks.map((t) => t.slice(0, 3))).toEqual(['P00', 'P05', 'P10']);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(1000);
    expect(() => splitRecursively(doc(150), { chunkSize: 100, chunkOverlap: 100 })).toThrow(/chunkOverlap/);
  });

  it('matches a literal transcription of LangChain on random text', () => {
    const alphabet = fc.constantFrom('a', 'b', ' ', '\n', 'é', '.', '\t');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 300 }).map((cs) => cs.join('')),
        fc.integer({ min: 2, max: 40 }),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        fc.constantFrom(['\n\n', '\n', ' ', ''], ['\n', 'ab', ''], ['\n\n', ' ']),
        (source, chunkSize, overlapShare, separators) => {
          const chunkOverlap = Math.floor(chunkSize * overlapShare);
          const chunks = splitRecursively(source, { chunkSize, chunkOverlap, separators });
          expect(chunks.map((c) => c.text)).toEqual(reference(source, chunkSize, chunkOverlap, separators));
          for (const chunk of chunks) expect(source.slice(chunk.start, chunk.end)).toBe(chunk.text);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('repeats a chunk where the reference algorithm does (overlap over blank separators)', () => {
    const source = '\n\n\n\n\n\n\n\nx\n\n';
    const chunks = splitRecursively(source, { chunkSize: 9, chunkOverlap: 3 });
    expect(chunks.map((c) => c.text)).toEqual(reference(source, 9, 3, ['\n\n', '\n', ' ', '']));
  });

  it('covers every non-space character, in order, within the size limit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('x', 'y', ' ', '\n', '\n\n'), { maxLength: 400 }).map((cs) => cs.join('')),
        fc.integer({ min: 5, max: 60 }),
        (source, chunkSize) => {
          const chunks = splitRecursively(source, { chunkSize, chunkOverlap: Math.floor(chunkSize / 3) });
          const covered = new Set<number>();
          let previousStart = -1;
          for (const chunk of chunks) {
            expect(chunk.text.length).toBeLessThanOrEqual(chunkSize);
            // Not strictly: like LangChain, overlap may repeat a chunk whose neighbours trim to the same text
            // (e.g. "\n\n\n\n\n\n\n\nx\n\n" at size 9 gives "x" twice).
            expect(chunk.start).toBeGreaterThanOrEqual(previousStart);
            previousStart = chunk.start;
            for (let i = chunk.start; i < chunk.end; i++) covered.add(i);
          }
          for (let i = 0; i < source.length; i++) if (source[i]?.trim() !== '') expect(covered.has(i)).toBe(true);
        },
      ),
    );
  });
});
