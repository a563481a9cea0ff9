import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CV_KNOBS } from './knob-grid.ts';
import { formatReport } from './report-format.ts';
import { type EvaluationReport, runEvaluation } from './run-evaluation.ts';

const QA_DEV = path.resolve(import.meta.dirname, '../../../../../shared/qa-dev');
const DOCS = ['Artistic.txt', 'CC0-1.0.txt'];
// Two lookups (one per document), the multi question that needs both, one unanswerable near miss.
const QUESTION_IDS = ['d001', 'd003', 'd047', 'd053'];

// The whole harness on a tiny QA set made here from qa-dev: the real local composition (SQLite,
// extractors, HTTP app), the hashing embedder for speed, every comparison pipeline and the CV.
describe('runEvaluation on a tiny QA set', () => {
  let dir: string;
  let report: EvaluationReport;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'docent-eval-test-'));
    await mkdir(path.join(dir, 'docs'));
    for (const name of DOCS) await copyFile(path.join(QA_DEV, 'docs', name), path.join(dir, 'docs', name));
    const lines = (await readFile(path.join(QA_DEV, 'questions.jsonl'), 'utf8'))
      .split('\n')
      .filter((line) => QUESTION_IDS.some((id) => line.includes(`"id": "${id}"`)));
    await writeFile(path.join(dir, 'questions.jsonl'), `${lines.join('\n')}\n`);
    report = await runEvaluation({ qaDir: dir, embedder: 'hashing', crossValidate: true });
  }, 120_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('ingests both documents and finds every span in its text', () => {
    expect(report.questions).toEqual({ lookup: 2, paraphrase: 0, multi: 1, unanswerable: 1, total: 4 });
    expect(report.ingest).toMatchObject({ documents: 2, failed: [] });
    expect(report.ingest.chunks).toBeGreaterThan(2);
    expect(report.ingest.meanChunkChars).toBeGreaterThan(0);
    expect(report.ingest.spanCoverage).toEqual({ found: 4, total: 4, share: 1, missing: [] });
  });

  it('reports the four pipelines, with abstention and latency for Docent only', () => {
    expect(report.pipelines.map((p) => p.key)).toEqual(['docent', 'bm25', 'vectors', 'langchain']);
    const [docent, ...baselines] = report.pipelines;
    expect(docent?.abstention).toMatchObject({ unanswerable: 1, answerable: 3 });
    expect(docent?.latency?.wallP50).toBeLessThanOrEqual(docent?.latency?.wallP95 as number);
    for (const p of baselines) expect(p.abstention).toBeUndefined();
    // LangChain's splitter never makes a chunk longer than its 1000-character size.
    const langchain = report.pipelines.find((p) => p.key === 'langchain');
    expect(langchain?.index?.chunks).toBeGreaterThan(0);
    expect(langchain?.index?.meanChunkChars).toBeLessThanOrEqual(1000);
  });

  it('finds both lookup answers with BM25 alone: their rare words occur only in the answer passages', () => {
    // "charge" (d001) appears in Artistic.txt only around its answer; "database" and "directive"
    // (d003) only in CC0's answer passage. Among a few dozen chunks, both rank within the top 10.
    const bm25 = report.pipelines.find((p) => p.key === 'bm25');
    expect(bm25?.strict.lookup[10]).toBe(1);
    expect(bm25?.strict.paraphrase[10]).toBeNull();
  });

  it('keeps per-question results that agree with the aggregates', () => {
    expect(report.perQuestion.map((q) => [q.id, q.kind])).toEqual([
      ['d001', 'lookup'],
      ['d003', 'lookup'],
      ['d047', 'multi'],
      ['d053', 'unanswerable'],
    ]);
    for (const q of report.perQuestion) {
      expect(Object.keys(q.results)).toEqual(['docent', 'bm25', 'vectors', 'langchain']);
      expect(q.results.docent?.spans).toHaveLength({ lookup: 1, multi: 2, unanswerable: 0, paraphrase: 1 }[q.kind]);
    }
    for (const pipeline of report.pipelines) {
      const found = report.perQuestion.filter((q) => {
        const rank = q.kind === 'lookup' ? q.results[pipeline.key]?.spans[0]?.strict : null;
        return rank != null && rank <= 5;
      });
      expect(pipeline.strict.recall[5]).toBe(found.length / 2);
    }
    const abstained = report.perQuestion.filter((q) => q.kind !== 'unanswerable' && q.results.docent?.abstained);
    expect(report.pipelines[0]?.abstention?.answerableAbstained).toBe(abstained.length);
  });

  it('cross-validates over the grid with halves stratified by kind', () => {
    const cv = report.crossValidation;
    expect(cv?.halves).toEqual({ A: ['d001', 'd047', 'd053'], B: ['d003'] });
    expect(cv?.folds.map((f) => [f.tunedOn, f.evaluatedOn])).toEqual([
      ['A', 'B'],
      ['B', 'A'],
    ]);
    expect((cv?.knobs.length ?? 0) + (cv?.skipped.length ?? 0)).toBe(CV_KNOBS.length);
    expect(cv?.gridPoints).toBe(cv?.knobs.reduce((n, k) => n * k.values.length, 1));
    expect(cv?.pooled.abstention.unanswerable).toBe(1);
    expect(formatReport(report)).toMatch(/^Docent +\d/m);
  });
});
