/**
 * BM25's CPU per question against the size of SQLite's page cache, on a store kept by
 * `scale.ts --keep` (or built by `lexical-build.ts`): the lexical index's search and term statistics
 * as the retriever calls them (100 candidates), on a connection opened with each cache size in
 * turn, after 10 untimed questions; CPU is this thread's own, which a busy machine distorts less
 * than wall time. Sizes in MiB; `default` leaves the connection's own setting.
 *   node scripts/bench/sqlite-page-cache.ts <dataDir> default 2 8 32 64 [--rounds 2]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeText } from '@docent/domain';
import { openDatabase } from '../../packages/adapters-local/src/sqlite/open-database.ts';
import { SqliteLexicalIndex } from '../../packages/adapters-local/src/sqlite/sqlite-lexical-index.ts';
import { SqliteUnitOfWork } from '../../packages/adapters-local/src/sqlite/sqlite-unit-of-work.ts';
import { percentile } from './bench-support.ts';

const OWNER = 'bench-owner';
const CANDIDATES = 100;
const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args.splice(roundsAt, 2)[1]) : 2;
const [dataDir, ...sizes] = args;
if (dataDir === undefined || sizes.length === 0)
  throw new Error('usage: sqlite-page-cache.ts <dataDir> default 8 32 ...');
const questions = JSON.parse(readFileSync(path.join(dataDir, 'questions.json'), 'utf8')) as string[];
const threadCpuMs = () => {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
};

for (let round = 0; round < rounds; round++) {
  for (const size of sizes) {
    const db = openDatabase(path.join(dataDir, 'docent.db'), { dimensions: 512 });
    if (size !== 'default') db.exec(`PRAGMA cache_size = -${Number(size) * 1024}`);
    const lexical = new SqliteLexicalIndex(db, new SqliteUnitOfWork(db));
    await lexical.warm();
    for (const question of questions.slice(0, 10))
      await lexical.search({ ownerId: OWNER, text: question, limit: CANDIDATES });
    const cpu: number[] = [];
    for (const question of questions) {
      const started = threadCpuMs();
      await lexical.search({ ownerId: OWNER, text: question, limit: CANDIDATES });
      await lexical.termStatistics(OWNER, analyzeText(question));
      cpu.push(threadCpuMs() - started);
    }
    db.close();
    cpu.sort((a, b) => a - b);
    const label = size === 'default' ? 'default' : `${size} MiB`;
    console.log(
      `round ${round + 1} ${label.padStart(8)}: BM25 + term statistics CPU ms per question p50 ${percentile(cpu, 50).toFixed(1)} p95 ${percentile(cpu, 95).toFixed(1)}`,
    );
  }
}
