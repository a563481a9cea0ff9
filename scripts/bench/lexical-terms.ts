/**
 * BM25 with and without the saturated terms (SaturatedTerms), on a store kept by the scale bench:
 * times the full OR-match against the match without terms in more than 60% of the chunks, and
 * checks that the top 10 are the same (up to exact ties) and that no score moves by 1e-5 or more.
 *   node scripts/bench/scale.ts 100000 --keep   # prints the kept folder
 *   node scripts/bench/lexical-terms.ts <kept folder>
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { analyzeText } from '@docent/domain';

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error('usage: lexical-terms.ts <dataDir kept by scale.ts --keep>');
const db = new DatabaseSync(path.join(dataDir, 'docent.db'), { readOnly: true });
const questions = JSON.parse(readFileSync(path.join(dataDir, 'questions.json'), 'utf8')) as string[];
// The query SqliteLexicalIndex runs (no document filter).
const search = db.prepare(`SELECT e.chunk_id AS chunkId, -bm25(lexical_fts, 1, 2, 2) AS score
  FROM lexical_fts JOIN lexical_entries AS e ON e.entry_id = lexical_fts.rowid
  WHERE lexical_fts MATCH ? AND e.owner_id = 'bench-owner' ORDER BY score DESC, e.chunk_id LIMIT 100`);
db.exec("CREATE VIRTUAL TABLE temp.vocabulary USING fts5vocab(main, lexical_fts, 'row')");
const { n } = db.prepare('SELECT count(*) AS n FROM lexical_entries').get() as { n: number };
let started = performance.now();
const saturated = new Set(
  (db.prepare('SELECT term FROM temp.vocabulary WHERE doc > ?').all(n * 0.6) as Array<{ term: string }>).map(
    (r) => r.term,
  ),
);
console.log(`${n} chunks; ${saturated.size} saturated terms, found in ${(performance.now() - started).toFixed(0)} ms`);

const match = (terms: readonly string[]) => terms.map((term) => `"${term.replaceAll('"', '""')}"`).join(' OR ');
const times = { full: [] as number[], pruned: [] as number[] };
let sameTop10 = 0;
let close = 0;
for (const question of questions) {
  const terms = [...new Set(analyzeText(question))];
  const informative = terms.filter((term) => !saturated.has(term));
  started = performance.now();
  const full = search.all(match(terms)) as Array<{ chunkId: string; score: number }>;
  times.full.push(performance.now() - started);
  started = performance.now();
  let pruned = informative.length > 0 ? (search.all(match(informative)) as typeof full) : [];
  if (pruned.length < 100) pruned = search.all(match(terms)) as typeof full;
  times.pruned.push(performance.now() - started);
  const scoreOf = new Map(full.map((hit) => [hit.chunkId, hit.score]));
  const top = (hits: typeof full) =>
    hits
      .slice(0, 10)
      .map((hit) => hit.chunkId)
      .join();
  if (top(full) === top(pruned)) sameTop10++;
  if (pruned.every((hit) => Math.abs((scoreOf.get(hit.chunkId) ?? full.at(-1)?.score ?? 0) - hit.score) < 1e-5))
    close++;
}
const p = (values: number[], q: number) =>
  ([...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)] ?? 0).toFixed(1);
console.log(`full MATCH:   p50 ${p(times.full, 0.5)} ms, p95 ${p(times.full, 0.95)} ms`);
console.log(`pruned MATCH: p50 ${p(times.pruned, 0.5)} ms, p95 ${p(times.pruned, 0.95)} ms`);
console.log(`same top 10: ${sameTop10}/${questions.length}; every score within 1e-5: ${close}/${questions.length}`);
