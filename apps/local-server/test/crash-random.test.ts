import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { QA_DEV } from './support/api-client.ts';
import { runCrashTest } from './support/crash-run.ts';
import { generatedCorpus } from './support/generated-corpus.ts';
import { seededRandom } from './support/seeded-random.ts';

// The short version of `node scripts/crash-test.ts`: two SIGKILLs at seeded random moments while
// two users upload small files (identical bytes across users included), then a clean start.
describe('crash at random points (short)', () => {
  let dataDir: string | undefined;
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('ends with every document ready or failed with a reason, none lost or duplicated, search consistent', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'docent-crash-random-'));
    const qaDev = await Promise.all(
      ['Artistic.txt', 'CC0-1.0.txt', 'zstd-README.md'].map(async (name) => ({
        name,
        bytes: await readFile(path.join(QA_DEV, 'docs', name)),
      })),
    );
    const report = await runCrashTest({
      dataDir,
      seed: 7,
      kills: 2,
      files: [...qaDev, ...generatedCorpus(seededRandom(8), 3, 2_000, 40_000)],
      users: 2,
      maxKillDelayMs: 600,
      env: { DOCENT_EMBEDDER: 'hashing' },
      settleTimeoutMs: 60_000,
    });
    expect(report.problems).toEqual([]);
    expect(report.kills).toBe(2);
    expect(report.documents).toBe(report.uploadsAcknowledged);
    expect(report.outcomes.ready).toBe(report.documents);
    expect(report.searchedChunks).toBeGreaterThan(0);
  }, 120_000);
});
