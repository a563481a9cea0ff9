/**
 * Crash test at random points: starts the real local server (`docent serve`) on a fresh data dir,
 * uploads the qa-dev documents and generated ones as several users, SIGKILLs the server at seeded
 * random moments and restarts it on the same data dir, K times; then checks that every document
 * ends `ready` or `failed` with a reason, none lost or duplicated, and search returns no
 * half-indexed chunk. Prints each round, the outcomes and the time; exits 1 on any broken invariant.
 *   node scripts/crash-test.ts [--seed 13] [--kills 10] [--max-delay-ms 1500] [--users 2]
 *                              [--generated 6] [--embedder hashing|use-lite] [--qa-dev a.txt,b.pdf] [--keep]
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { QA_DEV } from '../apps/local-server/test/support/api-client.ts';
import { runCrashTest } from '../apps/local-server/test/support/crash-run.ts';
import { generatedCorpus } from '../apps/local-server/test/support/generated-corpus.ts';
import { seededRandom } from '../apps/local-server/test/support/seeded-random.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '13' },
    kills: { type: 'string', default: '10' },
    'max-delay-ms': { type: 'string', default: '1500' },
    users: { type: 'string', default: '2' },
    generated: { type: 'string', default: '6' },
    embedder: { type: 'string', default: 'hashing' },
    'qa-dev': { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const seed = Number(values.seed);
const qaDocs = path.join(QA_DEV, 'docs');
const files = [
  ...(await Promise.all(
    (values['qa-dev']?.split(',') ?? (await readdir(qaDocs)).sort()).map(async (name) => ({
      name,
      bytes: await readFile(path.join(qaDocs, name)),
    })),
  )),
  ...generatedCorpus(seededRandom(seed + 1), Number(values.generated), 1_000, 300_000),
];
const dataDir = await mkdtemp(path.join(tmpdir(), 'docent-crash-test-'));
console.log(`crash test: seed ${seed}, ${files.length} files, ${values.users} users, embedder ${values.embedder}`);
console.log(`data dir ${dataDir}`);
try {
  const report = await runCrashTest({
    dataDir,
    seed,
    kills: Number(values.kills),
    files,
    users: Number(values.users),
    maxKillDelayMs: Number(values['max-delay-ms']),
    env: { DOCENT_EMBEDDER: values.embedder as string },
    settleTimeoutMs: 30 * 60_000,
    log: (line) => console.log(line),
  });
  const { problems, ...figures } = report;
  console.log(JSON.stringify(figures, null, 2));
  for (const problem of problems) console.log(`PROBLEM ${problem}`);
  console.log(problems.length === 0 ? 'all invariants held' : `${problems.length} problems`);
  process.exitCode = problems.length === 0 ? 0 : 1;
} finally {
  if (!values.keep) await rm(dataDir, { recursive: true, force: true });
}
