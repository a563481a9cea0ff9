import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkQaDocuments, compareWithSqlite, loadQaQuestions } from './bench/lexical-parity.ts';

// The shared QA set beside the checkout (a worktree's checkout sits one folder deeper).
const QA_DEV = ['../../shared/qa-dev', '../../../shared/qa-dev']
  .map((relative) => path.resolve(import.meta.dirname, relative))
  .find((dir) => existsSync(dir)) as string;

describe('DynamoLexicalIndex against the SQLite lexical index', () => {
  it('ranks the same top 10 for every qa-dev question over a few qa-dev documents chunked for real', async () => {
    const corpus = await chunkQaDocuments(QA_DEV, ['Artistic.txt', 'CC0-1.0.txt']);
    const report = await compareWithSqlite(corpus, loadQaQuestions(QA_DEV), { storage: false });
    expect(report.chunks).toBeGreaterThan(15);
    expect(report.sameTop10).toBe(report.questions);
    expect(report.top100Overlap).toBe(1);
    // Every question costs one BatchGetItem for the counters plus one Query per term, and termStatistics one more.
    expect(report.perQuestion.requests).toBeGreaterThan(2);
  });
});
