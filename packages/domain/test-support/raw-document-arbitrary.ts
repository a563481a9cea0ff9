import fc from 'fast-check';
import type { RawBlock, RawDocument } from '../src/entities/raw-document.ts';

// Test-only generators shared by the normalisation and chunking property tests.

const WORDS = [
  'the',
  'option',
  'curl',
  'Timeout.',
  'default',
  'is',
  '60',
  'seconds.',
  'e.g.',
  'x',
  'Über',
  '--max-time',
];
const TRICKY = [
  '\t',
  '\n',
  '\r\n',
  '\u00a0',
  '\u2003',
  '\u3000',
  '\x1c',
  '\x85',
  '\ufeff',
  '\ufb01',
  '\u0301',
  '\u00a8',
];

/** A word-ish token or a character that normalisation must handle (whitespace kinds, ligatures, marks). */
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 4, arbitrary: fc.constant(' ') },
  { weight: 2, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
);

/** Block text: short prose, whitespace-only or empty text, or a huge run without any space. */
export const blockText = fc.oneof(
  { weight: 8, arbitrary: fc.array(piece, { maxLength: 60 }).map((p) => p.join('')) },
  { weight: 2, arbitrary: fc.array(piece, { minLength: 100, maxLength: 700 }).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n\t ') },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 5000 }).map((n) => 'A'.repeat(n)) },
);

const rawBlock: fc.Arbitrary<Omit<RawBlock, 'page'>> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('heading' as const),
      text: blockText,
      level: fc.integer({ min: 1, max: 4 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constantFrom('paragraph', 'list-item', 'code', 'table-row' as const),
      text: blockText,
    }),
  },
);

/** A raw document; when paged, pages never decrease from block to block, as extractors emit them. */
export const rawDocument: fc.Arbitrary<RawDocument> = fc
  .record({
    blocks: fc.array(fc.tuple(rawBlock, fc.nat({ max: 2 })), { maxLength: 40 }),
    paged: fc.boolean(),
  })
  .map(({ blocks, paged }) => {
    let page = 1;
    const out: RawBlock[] = blocks.map(([block, step]) => {
      page += step === 2 ? 1 : 0;
      return paged ? { ...block, page } : block;
    });
    return { contentType: paged ? 'application/pdf' : 'text/plain', blocks: out };
  });
