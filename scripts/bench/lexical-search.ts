/**
 * BM25 at scale: on a store built by `lexical-build.ts` (or kept by `scale.ts --keep`), times the
 * lexical index's search and termStatistics as the retriever calls them (100 candidates), once with
 * every term matched (full bm25) and once with the default posting budget, and compares the two:
 * same top 10, overlap of the top 100, and how often the chunk a question was drawn from comes first
 * or in the top 10 (sources.json, written by lexical-build.ts). CPU ms are the process's own, so they
 * hold up on a busy machine better than wall-clock times. Prints one JSON line last.
 *   node scripts/bench/lexical-build.ts /tmp/lex100k 100000
 *   node scripts/bench/lexical-search.ts /tmp/lex100k [maxPostings ...] [--questions N]
 * (`--questions N` asks only the first N: full BM25 takes seconds per question at 1M chunks;
 * `--no-full` times the budgets only, and compares them with nothing; `--share S` sets the budget's
 * share of large indexes, 0 for a fixed `maxPostings`; `--candidates C` the candidates rescored per
 * hit; `--dimensions D` opens a store of D-d vectors, 512 for `scale.ts`'s; `--reference FILE` keeps full BM25's results in FILE, written on the first run and read
 * after, so the slow full pass runs once per store.)
 *   node scripts/bench/lexical-search.ts /tmp/lex1m 20000 60000 --questions 30 --share 0 --reference /tmp/lex1m-full.json
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openLocalStore, type SqliteLexicalIndex } from '@docent/adapters-local';
import { analyzeText, type ScoredChunk, systemClock } from '@docent/domain';
import { percentile, round1 } from './bench-support.ts';

const OWNER = 'bench-owner';
const CANDIDATES = 100;

const args = process.argv.slice(2);
const questionsAt = args.indexOf('--questions');
const asked = questionsAt >= 0 ? Number(args.splice(questionsAt, 2)[1]) : Number.POSITIVE_INFINITY;
/** The value after `flag` (removed from args), or undefined. */
const option = (flag: string): string | undefined => {
  const at = args.indexOf(flag);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const share = option('--share');
const candidates = option('--candidates');
const referenceFile = option('--reference');
/** The store's vector width (a store kept by `scale.ts` holds 512-d vectors); only checked at open. */
const dimensions = Number(option('--dimensions') ?? 8);
const noFull = args.includes('--no-full');
const [dataDir, ...budgetArgs] = args.filter((arg) => arg !== '--no-full');
if (dataDir === undefined) throw new Error('usage: lexical-search.ts <dataDir> [maxPostings ...] [--questions N]');
const questions = (JSON.parse(readFileSync(path.join(dataDir, 'questions.json'), 'utf8')) as string[]).slice(0, asked);
const sourcesFile = path.join(dataDir, 'sources.json');
const sources = existsSync(sourcesFile) ? (JSON.parse(readFileSync(sourcesFile, 'utf8')) as string[]) : [];
const budgets = [
  ...(noFull ? [] : [Number.POSITIVE_INFINITY]),
  ...(budgetArgs.length > 0 ? budgetArgs.map(Number) : [20_000]),
];

const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const topIds = (hits: readonly ScoredChunk[], n: number): string[] => hits.slice(0, n).map((hit) => hit.chunkId);

/** Times every question against one store opened with `maxPostings`. */
const measure = async (maxPostings: number) => {
  const store = openLocalStore({
    dataDir,
    dimensions,
    clock: systemClock,
    sessionTtlMs: 60_000,
    approximateSearch: false,
    lexicalSearch: {
      maxPostings,
      ...(share === undefined ? {} : { budgetShare: Number(share) }),
      ...(candidates === undefined ? {} : { candidatesPerHit: Number(candidates) }),
    },
  });
  const index = store.LexicalIndex as SqliteLexicalIndex;
  const refreshStarted = performance.now();
  await index.refreshTermStatistics();
  const refreshMs = performance.now() - refreshStarted;
  const searchMs: number[] = [];
  const statisticsMs: number[] = [];
  const results: ScoredChunk[][] = [];
  const searchCpuMs: number[] = [];
  let searchCpu = 0;
  let statisticsCpu = 0;
  for (const question of questions) {
    let started = performance.now();
    let cpu = cpuMs();
    results.push(await index.search({ ownerId: OWNER, text: question, limit: CANDIDATES }));
    searchMs.push(performance.now() - started);
    searchCpu += cpuMs() - cpu;
    searchCpuMs.push(cpuMs() - cpu);
    started = performance.now();
    cpu = cpuMs();
    await index.termStatistics(OWNER, analyzeText(question));
    statisticsMs.push(performance.now() - started);
    statisticsCpu += cpuMs() - cpu;
  }
  store.close();
  searchCpuMs.sort((a, b) => a - b);
  for (const values of [searchMs, statisticsMs]) values.sort((a, b) => a - b);
  return {
    maxPostings,
    refreshMs,
    searchMs,
    statisticsMs,
    searchCpu: searchCpu / questions.length,
    searchCpuMs,
    statisticsCpu: statisticsCpu / questions.length,
    results,
  };
};

const runs = [];
// A kept reference stands in for the full pass (same store, same questions).
const kept = referenceFile !== undefined && existsSync(referenceFile);
for (const budget of kept ? budgets.filter(Number.isFinite) : budgets) runs.push(await measure(budget));
const reference = kept ? (JSON.parse(readFileSync(referenceFile, 'utf8')) as ScoredChunk[][]) : runs[0]?.results;
if (referenceFile !== undefined && !kept && !noFull) writeFileSync(referenceFile, JSON.stringify(reference));
const full = noFull && !kept ? [] : (reference ?? []);
const rows = runs.map((run) => {
  let sameTop10 = 0;
  let overlap = 0;
  let sourceFirst = 0;
  let sourceTop10 = 0;
  run.results.forEach((hits, i) => {
    const reference = full[i] ?? [];
    if (topIds(hits, 10).join() === topIds(reference, 10).join()) sameTop10++;
    const inReference = new Set(topIds(reference, CANDIDATES));
    overlap += hits.filter((hit) => inReference.has(hit.chunkId)).length / Math.max(1, reference.length);
    const rank = topIds(hits, 10).indexOf(sources[i] ?? '');
    if (rank === 0) sourceFirst++;
    if (rank >= 0) sourceTop10++;
  });
  return {
    maxPostings: Number.isFinite(run.maxPostings) ? run.maxPostings : 'full',
    searchP50Ms: round1(percentile(run.searchMs, 50)),
    searchP95Ms: round1(percentile(run.searchMs, 95)),
    termStatisticsP95Ms: round1(percentile(run.statisticsMs, 95)),
    searchCpuMs: round1(run.searchCpu),
    searchCpuP50Ms: round1(percentile(run.searchCpuMs, 50)),
    searchCpuP95Ms: round1(percentile(run.searchCpuMs, 95)),
    termStatisticsCpuMs: round1(run.statisticsCpu),
    refreshMs: Math.round(run.refreshMs),
    sameTop10,
    top100Overlap: Math.round((overlap / questions.length) * 1000) / 1000,
    sourceFirst,
    sourceTop10,
  };
});
for (const row of rows) console.error(JSON.stringify(row));
console.log(JSON.stringify({ questions: questions.length, sources: sources.length > 0, rows }));
