/**
 * The full extraction fuzz run: seeded mutations of small real PDF, DOCX, HTML, Markdown and text
 * files (see packages/extractors/src/test-support/fuzz-cases.ts) through the local server's
 * extraction path (worker threads with a heap limit and a timeout). Prints counts per outcome and
 * per mutation, the slowest case, the peak RSS of this process (workers included), and every case
 * that ended in anything but a document or an expected code; exits 1 if there is one. Usage:
 *   node scripts/fuzz-extraction.ts [--count 500] [--seed 1] [--timeout-s 10] [--memory-mb 256]
 */
import { parseArgs } from 'node:util';
import { WorkerTextExtractor } from '../packages/extractors/src/index.ts';
import { FUZZ_LIMITS, fuzzCases } from '../packages/extractors/test-support/fuzz-cases.ts';
import { type FuzzOutcome, runFuzzCase } from '../packages/extractors/test-support/fuzz-run.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '500' },
    seed: { type: 'string', default: '1' },
    'timeout-s': { type: 'string', default: '10' },
    'memory-mb': { type: 'string', default: '256' },
  },
});
const count = Number(values.count);
const seed = Number(values.seed);
const timeoutSeconds = Number(values['timeout-s']);
const memoryMb = Number(values['memory-mb']);

const tally = (outcomes: FuzzOutcome[], key: (outcome: FuzzOutcome) => string): string =>
  Object.entries(Object.groupBy(outcomes, key))
    .map(([name, group]) => `${name} ${group?.length ?? 0}`)
    .sort()
    .join(', ');

const extractor = new WorkerTextExtractor({ limits: FUZZ_LIMITS, timeoutSeconds, memoryMb, maxWorkers: 1 });
const outcomes: FuzzOutcome[] = [];
const started = performance.now();
try {
  for (const fuzzCase of fuzzCases(seed, count)) outcomes.push(await runFuzzCase(extractor, fuzzCase));
} finally {
  await extractor.close();
}
const slowest = outcomes.reduce((a, b) => (b.ms > a.ms ? b : a));
const unexpected = outcomes.filter((outcome) => outcome.outcome === 'unexpected');

console.log(`fuzz-extraction: seed ${seed}, ${count} cases, limits ${JSON.stringify(FUZZ_LIMITS)}`);
console.log(`  worker heap ${memoryMb} MB, timeout ${timeoutSeconds} s`);
console.log(`  outcomes:  ${tally(outcomes, (o) => o.outcome)}`);
console.log(`  mutations: ${tally(outcomes, (o) => o.fuzzCase.mutation)}`);
console.log(
  `  slowest: case ${slowest.fuzzCase.index} (${slowest.fuzzCase.mutation}, ${slowest.fuzzCase.name}) ${Math.round(slowest.ms)} ms -> ${slowest.outcome}`,
);
console.log(
  `  total ${((performance.now() - started) / 1000).toFixed(1)} s, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
);
for (const { fuzzCase, detail } of unexpected) {
  console.log(
    `  UNEXPECTED case ${fuzzCase.index} (${fuzzCase.mutation}, ${fuzzCase.name}, declared ${fuzzCase.declaredType}): ${detail}`,
  );
}
console.log(
  unexpected.length === 0
    ? 'PASS: every case ended in a document or an expected code'
    : `FAIL: ${unexpected.length} unexpected`,
);
process.exitCode = unexpected.length === 0 ? 0 : 1;
