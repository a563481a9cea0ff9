import { afterAll, describe, expect, it } from 'vitest';
import { FUZZ_LIMITS, fuzzCases } from '../../test-support/fuzz-cases.ts';
import { EXPECTED_CODES, type FuzzOutcome, runFuzzCase } from '../../test-support/fuzz-run.ts';
import { WorkerTextExtractor } from './worker-text-extractor.ts';

/*
 * The seeded subset of the extraction fuzz run (`node scripts/fuzz-extraction.ts` runs 500+):
 * mutated files through the worker extractor either give text or a DocentError with an expected
 * code; nothing else is thrown, nothing runs past the time limit, the test process survives.
 */
const SEED = 13;
const COUNT = 60;
const TIMEOUT_SECONDS = 10;

describe('extraction fuzz (seeded subset)', () => {
  const extractor = new WorkerTextExtractor({ limits: FUZZ_LIMITS, timeoutSeconds: TIMEOUT_SECONDS, memoryMb: 256 });
  afterAll(() => extractor.close());

  it(`ends each of ${COUNT} mutated files in a document or an expected code`, { timeout: 120_000 }, async () => {
    const outcomes: FuzzOutcome[] = [];
    for (const fuzzCase of fuzzCases(SEED, COUNT)) outcomes.push(await runFuzzCase(extractor, fuzzCase));
    const unexpected = outcomes
      .filter(({ outcome }) => outcome !== 'ok' && outcome !== 'unsupported' && !EXPECTED_CODES.has(outcome))
      .map(({ fuzzCase, detail }) => `${fuzzCase.index} ${fuzzCase.mutation} ${fuzzCase.name}: ${detail}`);
    expect(unexpected).toEqual([]);
    // The subset must exercise both sides of the property, and the limits.
    const seen = new Set(outcomes.map(({ outcome }) => outcome));
    expect(seen).toContain('ok');
    expect(seen).toContain('extraction_failed');
    expect(seen).toContain('too_large');
    // The worker's clock (start-up excluded) ends every case within the limit; allow start-up on top.
    expect(Math.max(...outcomes.map(({ ms }) => ms))).toBeLessThan((TIMEOUT_SECONDS + 5) * 1000);
  });
});
