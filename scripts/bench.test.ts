import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BENCH = path.resolve(import.meta.dirname, 'bench.ts');

/** A two-document QA set in the qa-dev layout: `docs/` and `questions.jsonl`. */
const writeTinyQaSet = async (dir: string) => {
  await mkdir(path.join(dir, 'docs'));
  await writeFile(
    path.join(dir, 'docs', 'kettle.txt'),
    'The Brightwell kettle\n\nThe Brightwell kettle holds 1.7 litres of water. It boils a full load in about four minutes.\n',
  );
  await writeFile(
    path.join(dir, 'docs', 'garden.md'),
    '# Garden notes\n\n## Compost\n\nTurn the compost heap every two weeks so that it stays aerated.\n',
  );
  const questions = [
    { id: 't1', doc: 'kettle.txt', question: 'How much water does the Brightwell kettle hold?', kind: 'lookup' },
    { id: 't2', doc: 'garden.md', question: 'How often should the compost heap be turned?', kind: 'lookup' },
  ];
  await writeFile(path.join(dir, 'questions.jsonl'), `${questions.map((q) => JSON.stringify(q)).join('\n')}\n`);
};

const at = (value: unknown, keyPath: string): unknown =>
  keyPath.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], value);

// Every figure issue 14 asks of the JSON, and the run's provenance.
const REQUIRED_NUMBERS = [
  'ingest.docentS',
  'ingest.peerS',
  'ingest.ratio',
  'ingest.searchableS',
  'ingest.coresUsed',
  'ingest.textsEmbedded',
  'ingest.peerTexts',
  'ingest.cpuS.docentAll',
  'ingest.cpuS.peerEmbedding',
  'ingest.docentCpuByThread.MainThread',
  'ask.c1.p95Ms',
  'ask.c8.rps',
  'ask.c8.p95Ms',
  'ask.c32.p99Ms',
  'cost.per1000Questions.totalUsd',
  'cost.per1000Pages.totalUsd',
  'machine.cores',
];
const SCALE_NUMBERS = [
  'chunks',
  'buildS',
  'diskMiB',
  'rssMiB',
  'rssAnonMiB',
  'askP50Ms',
  'askP95Ms',
  'denseP95Ms',
  'firstAskMs',
  'warmUpMs',
  'recallAt10',
  'lexicalP95Ms',
  'askSerialP95Ms',
  'askCpuP50Ms',
  'overlapP50',
  'denseCpuP95Ms',
  'lexicalCpuP95Ms',
  'prewarmMiB',
  'askReadMiB',
];

describe('npm run bench -- --json FILE (tiny QA set, hashing embedder, --scale 500)', () => {
  let dir: string;
  let report: Record<string, any>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'docent-bench-test-'));
    await writeTinyQaSet(dir);
    const json = path.join(dir, 'bench.json');
    await promisify(execFile)(
      process.execPath,
      [BENCH, dir, '--scale', '500', '--ingest-rounds', '2', '--json', json],
      {
        // Short ask levels, for a version of the ask part that runs each level for a set time.
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          // The repository's source condition (vitest.config.ts): the bench runs the workspaces from src/.
          NODE_OPTIONS: process.env.NODE_OPTIONS ?? '',
          DOCENT_EMBEDDER: 'hashing',
          DOCENT_BENCH_ASK_SECONDS: '1',
        },
        timeout: 240_000,
      },
    );
    report = JSON.parse(await readFile(json, 'utf8'));
  }, 300_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('has every required figure as a finite number', () => {
    for (const key of REQUIRED_NUMBERS) expect(Number.isFinite(at(report, key)), key).toBe(true);
    expect(report.scale).toHaveLength(1);
    for (const key of SCALE_NUMBERS) expect(Number.isFinite(report.scale[0][key]), `scale[0].${key}`).toBe(true);
  });

  it('records the machine and the commit', () => {
    expect(report.commit).toMatch(/^[0-9a-f]{12}$/);
    expect(Number.isNaN(Date.parse(report.startedAt))).toBe(false);
    expect(report.machine.loadAverage).toHaveLength(3);
    expect(report.machine.node).toBe(process.version);
  });

  it('measured real work: both documents chunked and embedded, asks answered, the corpus built', () => {
    expect(report.ingest.chunks).toBeGreaterThanOrEqual(2);
    expect(report.ingest.vectors).toBeGreaterThan(0);
    expect(report.ingest.textsEmbedded).toBeGreaterThan(0);
    // The peer embeds with USE Lite on a named worker thread, whose CPU the bench reads apart.
    expect(report.ingest.cpuS.peerEmbedding).toBeGreaterThan(0);
    expect(report.ingest.cpuS.peerAll).toBeGreaterThanOrEqual(report.ingest.cpuS.peerEmbedding);
    expect(report.ingest.searchableS).toBeLessThanOrEqual(report.ingest.docentS);
    for (const level of ['c1', 'c8', 'c32']) expect(report.ask[level].errors, level).toBe(0);
    expect(report.scale[0].chunks).toBeGreaterThan(250);
    expect(report.scale[0].recallAt10).toBeGreaterThan(0);
    expect(report.scale[0].recallAt10).toBeLessThanOrEqual(1);
  });

  it('ran the ingest in rounds and answered the round of the median ratio (the lower of two)', () => {
    const { rounds } = report.ingest;
    expect(rounds).toHaveLength(2);
    const lower = rounds[0].ratio <= rounds[1].ratio ? rounds[0] : rounds[1];
    expect(report.ingest.ratio).toBe(lower.ratio);
    expect(report.ingest.docentS).toBe(lower.docentS);
    for (const round of rounds) expect(round.ratio).toBeCloseTo(round.docentS / round.peerS, 10);
  });

  it('priced what it counted: one model call per question, prompts longer than the questions', () => {
    const { questions, ingest } = report.cost.counts;
    expect(questions.questions).toBe(2);
    expect(questions.llmCalls).toBe(2);
    expect(questions.inputTokens).toBeGreaterThan(questions.queryEmbeddingTokens);
    expect(ingest.pages).toBe(2);
    expect(report.cost.per1000Questions.totalUsd).toBeGreaterThan(0);
  });
});
