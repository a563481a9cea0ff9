import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HashingEmbedder } from './hashing-embedder.ts';
import { InMemoryLexicalIndex } from './in-memory-lexical-index.ts';
import { InMemoryVectorIndex } from './in-memory-vector-index.ts';

// Real documents and questions; the plain-text ones need no extractor, so this package can use them.
const QA_DEV = path.resolve(import.meta.dirname, '../../../../shared/qa-dev');
const PLAIN_TEXT = /\.(txt|md)$/;
const WINDOW_WORDS = 120;
// Overlap above the 20-word maximum span length, so no answer span is cut in two.
const STRIDE_WORDS = 90;
const OWNER = 'qa-dev';

interface Question {
  id: string;
  doc: string | string[] | null;
  question: string;
  answer_substring: string | string[] | null;
}

const normalise = (text: string): string => text.normalize('NFKC').replace(/\s+/g, ' ').trim();

const loadCorpus = () => {
  const questions = readFileSync(path.join(QA_DEV, 'questions.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Question)
    .filter(
      (q): q is Question & { doc: string; answer_substring: string } =>
        typeof q.doc === 'string' && PLAIN_TEXT.test(q.doc),
    );
  const names = [...new Set(questions.map((q) => q.doc))];
  const chunks = names.flatMap((name) => {
    const words = normalise(readFileSync(path.join(QA_DEV, 'docs', name), 'utf8')).split(' ');
    const windows = [];
    for (let start = 0; start < words.length; start += STRIDE_WORDS) {
      windows.push({
        chunkId: `${name}#${start}`,
        documentId: name,
        documentName: name,
        text: words.slice(start, start + WINDOW_WORDS).join(' '),
      });
      if (start + WINDOW_WORDS >= words.length) break;
    }
    return windows;
  });
  return { questions, chunks };
};

const hitRate = (
  questions: readonly { answer_substring: string }[],
  rankings: readonly string[][],
  texts: Map<string, string>,
) =>
  questions.filter((q, i) =>
    (rankings[i] ?? []).some((chunkId) => texts.get(chunkId)?.includes(normalise(q.answer_substring))),
  ).length / questions.length;

describe('retrieval over the qa-dev plain-text documents', () => {
  const { questions, chunks } = loadCorpus();
  const texts = new Map(chunks.map((chunk) => [chunk.chunkId, chunk.text]));

  it('has the plain-text questions to work with', () => {
    expect(questions.length).toBeGreaterThanOrEqual(20);
  });

  it('BM25 puts the passage holding the answer in the top 10 for most questions', async () => {
    const index = new InMemoryLexicalIndex();
    await index.add(chunks.map((chunk) => ({ ...chunk, ownerId: OWNER })));
    const rankings = await Promise.all(
      questions.map(async (q) =>
        (await index.search({ ownerId: OWNER, text: q.question, limit: 10 })).map((hit) => hit.chunkId),
      ),
    );
    const rate = hitRate(questions, rankings, texts);
    console.info(`BM25 hit@10 on ${questions.length} qa-dev plain-text questions: ${rate.toFixed(2)}`);
    // Measured 0.64 (16 of 25): the misses are paraphrase questions that share few words with the answer.
    expect(rate).toBeGreaterThanOrEqual(0.6);
  });

  it('hashing embeddings with cosine search find the answer passage in the top 10 for many questions', async () => {
    const embedder = new HashingEmbedder({ dimensions: 512 });
    const index = new InMemoryVectorIndex({ dimensions: 512 });
    const vectors = await embedder.embed(chunks.map((chunk) => chunk.text));
    await index.upsert(
      chunks.map((chunk, i) => ({ ...chunk, ownerId: OWNER, vector: vectors[i] ?? new Float32Array() })),
    );
    const queries = await embedder.embed(
      questions.map((q) => q.question),
      { purpose: 'query' },
    );
    const rankings = await Promise.all(
      queries.map(async (vector) =>
        (await index.search({ ownerId: OWNER, vector, limit: 10 })).map((hit) => hit.chunkId),
      ),
    );
    const rate = hitRate(questions, rankings, texts);
    console.info(`Hashing-embedder hit@10 on ${questions.length} qa-dev plain-text questions: ${rate.toFixed(2)}`);
    // Measured 0.56 (14 of 25); a regression guard for the feature hashing, not a quality target.
    expect(rate).toBeGreaterThanOrEqual(0.5);
  });
});
