import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandGrid } from './knob-grid.ts';
import { formatReport } from './report-format.ts';
import { type EvaluationReport, runEvaluation } from './run-evaluation.ts';

const SHARED = path.resolve(import.meta.dirname, '../../../../../shared');
// Two tiny sets made here, one from each development set: two lookups (one per document), the
// multi question that needs both documents, and one unanswerable near miss.
const TINY_SETS = [
  { name: 'one', from: 'qa-dev', docs: ['Artistic.txt', 'CC0-1.0.txt'], ids: ['d001', 'd003', 'd047', 'd053'] },
  { name: 'two', from: 'qa-dev2', docs: ['GPL-2.txt', 'LGPL-3.txt'], ids: ['e001', 'e005', 'e044', 'e058'] },
];

const makeSet = async (root: string, set: (typeof TINY_SETS)[number]): Promise<string> => {
  const dir = path.join(root, set.name);
  await mkdir(path.join(dir, 'docs'), { recursive: true });
  for (const name of set.docs) await copyFile(path.join(SHARED, set.from, 'docs', name), path.join(dir, 'docs', name));
  const lines = (await readFile(path.join(SHARED, set.from, 'questions.jsonl'), 'utf8'))
    .split('\n')
    .filter((line) => set.ids.some((id) => line.includes(`"id": "${id}"`)));
  await writeFile(path.join(dir, 'questions.jsonl'), `${lines.join('\n')}\n`);
  return dir;
};

// The whole harness on two tiny sets: the real local composition (SQLite, extractors, HTTP app),
// the hashing embedder for speed, every comparison pipeline, the CV on halves and across sets.
describe('runEvaluation on two tiny QA sets', () => {
  let root: string;
  let report: EvaluationReport;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'docent-eval-test-'));
    const qaDirs = [];
    for (const set of TINY_SETS) qaDirs.push(await makeSet(root, set));
    report = await runEvaluation({ qaDirs, embedder: 'hashing', crossValidate: true, crossSet: true });
  }, 180_000);

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('ingests each set in its own session and finds every span in its text', () => {
    expect(report.sets.map((s) => s.name)).toEqual(['one', 'two']);
    for (const set of report.sets) {
      expect(set.questions).toEqual({ lookup: 2, paraphrase: 0, multi: 1, unanswerable: 1, total: 4 });
      expect(set.ingest).toMatchObject({ documents: 2, failed: [] });
      expect(set.ingest.chunks).toBeGreaterThan(2);
      expect(set.ingest.spanCoverage).toEqual({ found: 4, total: 4, share: 1, missing: [] });
    }
  });

  it('reports the four pipelines, with abstention, answers and latency for Docent only', () => {
    for (const set of report.sets) {
      expect(set.pipelines.map((p) => p.key)).toEqual(['docent', 'bm25', 'vectors', 'langchain']);
      const [docent, ...baselines] = set.pipelines;
      expect(docent?.abstention).toMatchObject({ unanswerable: 1, answerable: 3 });
      expect(docent?.answers?.hit.questions).toBe(3);
      expect(docent?.latency?.wallP50).toBeLessThanOrEqual(docent?.latency?.wallP95 as number);
      for (const p of baselines) expect([p.abstention, p.answers]).toEqual([undefined, undefined]);
      // LangChain's splitter never makes a chunk longer than its 1000-character size.
      const langchain = set.pipelines.find((p) => p.key === 'langchain');
      expect(langchain?.index?.meanChunkChars).toBeLessThanOrEqual(1000);
    }
  });

  it('finds both lookup answers of set one with BM25 alone: their rare words occur only in the answer passages', () => {
    // "charge" (d001) appears in Artistic.txt only around its answer; "database" and "directive"
    // (d003) only in CC0's answer passage. Among a few dozen chunks, both rank within the top 10.
    const bm25 = report.sets[0]?.pipelines.find((p) => p.key === 'bm25');
    expect(bm25?.strict.lookup[10]).toBe(1);
    expect(bm25?.strict.paraphrase[10]).toBeNull();
  });

  it('keeps per-question results, answers included, that agree with the aggregates', () => {
    for (const set of report.sets) {
      expect(set.perQuestion.map((q) => q.kind)).toEqual(['lookup', 'lookup', 'multi', 'unanswerable']);
      for (const pipeline of set.pipelines) {
        const found = set.perQuestion.filter((q) => {
          const rank = q.kind === 'lookup' ? q.results[pipeline.key]?.spans[0]?.strict : null;
          return rank != null && rank <= 5;
        });
        expect(pipeline.strict.recall[5]).toBe(found.length / 2);
      }
      const docent = set.perQuestion.map((q) => ({ kind: q.kind, result: q.results.docent }));
      const answerable = docent.filter((q) => q.kind !== 'unanswerable');
      expect(set.pipelines[0]?.answers?.hit.strict).toBe(answerable.filter((q) => q.result?.answerHit?.strict).length);
      expect(set.pipelines[0]?.abstention?.answerableAbstained).toBe(
        answerable.filter((q) => q.result?.abstained).length,
      );
      for (const { result } of docent) {
        expect(typeof result?.answer).toBe('string');
        if (result?.abstained) expect(result.answerHit).toEqual({ strict: false, lenient: false });
        for (const c of result?.citations ?? []) expect(c.charEnd - c.charStart).toBe(c.quote.length);
      }
    }
  });

  it('cross-validates each set over halves stratified by kind', () => {
    const cv = report.sets[0]?.crossValidation;
    expect(cv?.halves).toEqual({ A: ['d001', 'd047', 'd053'], B: ['d003'] });
    expect(cv?.gridPoints).toBe(expandGrid(cv?.knobs ?? []).length);
    expect(cv?.pooled.answers.hit.questions).toBe(3);
  });

  it('pools the two sets question by question', () => {
    const pooled = report.pooled;
    expect(pooled?.questions.total).toBe(8);
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    const hits = sum(report.sets.map((s) => s.pipelines[0]?.answers?.hit.strict ?? 0));
    expect(pooled?.pipelines[0]?.answers?.hit).toMatchObject({ questions: 6, strict: hits });
    // Each set has two lookups: recall@5 x 2 is the count found.
    const found = sum(report.sets.map((s) => (s.pipelines[0]?.strict.recall[5] ?? 0) * 2));
    expect(pooled?.pipelines[0]?.strict.recall[5]).toBeCloseTo(found / 4, 12);
  });

  it('tunes on one set and reports on the other, both ways, and prints it all', () => {
    const cross = report.crossSet;
    expect(cross?.folds.map((f) => [f.tunedOn, f.reportedOn])).toEqual([
      [['two'], 'one'],
      [['one'], 'two'],
    ]);
    expect(cross?.pooled.shipped.answers.hit.questions).toBe(6);
    const text = formatReport(report);
    expect(text).toMatch(/^Docent +\d/m);
    expect(text).toContain('Pooled over one, two (8 questions');
    expect(text).toMatch(/^two -> one +\S/m);
    expect(text).toMatch(/^shipped on two +as composed/m);
  });
});

describe('runEvaluation with settings', () => {
  let root: string;

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('composes the session with them and records them in the report', async () => {
    root = await mkdtemp(path.join(tmpdir(), 'docent-eval-settings-'));
    const qaDir = await makeSet(root, TINY_SETS[0] as (typeof TINY_SETS)[number]);
    const settings = { DOCENT_MAX_CHUNKS_PER_DOCUMENT: '2' };
    const report = await runEvaluation({ qaDirs: [qaDir], embedder: 'hashing', baselines: false, settings });
    expect(report.settings).toEqual(settings);
    expect(formatReport(report)).toContain('embedder hashing; DOCENT_MAX_CHUNKS_PER_DOCUMENT=2; node');
    // Both documents hold more than two chunks: with the setting applied, neither is ingested.
    expect(report.sets[0]?.ingest.failed.map((f) => f.name).sort()).toEqual(['Artistic.txt', 'CC0-1.0.txt']);
  }, 120_000);
});
