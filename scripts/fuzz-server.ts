/**
 * The extraction fuzz run against a real local server: starts `docent serve` (hashing embedder, a
 * fresh data dir, 127.0.0.1, the fuzz limits as DOCENT_* settings), uploads a good document, then
 * N mutated files over HTTP, and a second good document last. Checks that the server stays up, no
 * upload is answered 5xx, every document ends `ready` or `failed` with an expected code, and both
 * good documents end `ready`. Prints upload statuses, final outcomes, time and the server's peak
 * RSS. Usage:
 *   node scripts/fuzz-server.ts [--count 60] [--seed 1]
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ApiClient, QA_DEV } from '../apps/local-server/test/support/api-client.ts';
import { startServer } from '../apps/local-server/test/support/server-process.ts';
import { FUZZ_LIMITS, fuzzCases } from '../packages/extractors/test-support/fuzz-cases.ts';
import { EXPECTED_CODES } from '../packages/extractors/test-support/fuzz-run.ts';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '60' }, seed: { type: 'string', default: '1' } },
});
const count = Number(values.count);
const seed = Number(values.seed);

const tally = (items: string[]): string =>
  Object.entries(Object.groupBy(items, (item) => item))
    .map(([name, group]) => `${name} ${group?.length ?? 0}`)
    .sort()
    .join(', ');

const dataDir = await mkdtemp(path.join(tmpdir(), 'docent-fuzz-server-'));
const server = await startServer(dataDir, {
  DOCENT_EMBEDDER: 'hashing',
  DOCENT_WEB: 'false',
  DOCENT_JOB_MAX_ATTEMPTS: '1',
  DOCENT_MAX_EXTRACTED_CHARS: String(FUZZ_LIMITS.maxExtractedChars),
  DOCENT_MAX_PAGES: String(FUZZ_LIMITS.maxPages),
  DOCENT_MAX_INFLATED_MB: String(FUZZ_LIMITS.maxInflatedBytes / 1024 / 1024),
  DOCENT_EXTRACT_TIMEOUT_S: '10',
  DOCENT_EXTRACT_MEMORY_MB: '256',
});
const problems: string[] = [];
const started = performance.now();
try {
  const api = new ApiClient(server.url);
  await api.signIn('fuzz@example.com', 'FuzzTesting1');
  const good = [path.join(QA_DEV, 'docs', 'Artistic.txt'), path.join(QA_DEV, 'docs', 'CC0-1.0.txt')];
  const statuses: string[] = [];
  const upload = async (file: string): Promise<void> => {
    const { status } = await api.upload(file);
    statuses.push(String(status));
    if (status >= 500) problems.push(`upload of ${path.basename(file)} answered ${status}`);
  };
  await upload(good[0] as string);
  for (const fuzzCase of fuzzCases(seed, count)) {
    // Unique names: the server keeps names, and a name tells which case a document came from.
    const file = path.join(dataDir, `case-${fuzzCase.index}-${fuzzCase.name}`);
    await writeFile(file, fuzzCase.bytes);
    await upload(file);
    await rm(file);
  }
  await upload(good[1] as string);
  const documents = await api.waitForProcessing(count * 15_000);
  if (server.child.exitCode !== null) problems.push(`the server exited with ${server.child.exitCode}`);
  const outcomes = documents.map((d) => (d.status === 'ready' ? 'ready' : `failed:${d.error?.code}`));
  for (const d of documents) {
    if (d.status === 'failed' && !EXPECTED_CODES.has(d.error?.code))
      problems.push(`${d.name}: ${d.error?.code} ${d.error?.message}`);
  }
  for (const name of good.map((file) => path.basename(file))) {
    if (documents.find((d) => d.name === name)?.status !== 'ready') problems.push(`good document ${name} is not ready`);
  }
  console.log(`fuzz-server: seed ${seed}, ${count} mutated uploads between two good documents`);
  console.log(`  upload statuses: ${tally(statuses)}`);
  console.log(`  final:           ${tally(outcomes)}`);
  console.log(
    `  total ${((performance.now() - started) / 1000).toFixed(1)} s, server peak RSS ${Math.round(server.peakRss() / 1024 / 1024)} MB`,
  );
} catch (error) {
  problems.push(`run failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  if (server.child.exitCode === null) await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
for (const problem of problems) console.log(`  PROBLEM ${problem}`);
console.log(
  problems.length === 0
    ? 'PASS: server up, good documents ready, every failure has an expected code'
    : `FAIL: ${problems.length}`,
);
process.exitCode = problems.length === 0 ? 0 : 1;
