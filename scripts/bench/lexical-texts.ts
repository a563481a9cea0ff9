/**
 * Adds the chunk text that ingestion stores (`documents` and `chunks` rows) to a lexical-only store
 * built by an earlier `lexical-build.ts` that did not write it, by regenerating the same synthetic
 * corpus (it is deterministic): the lexical index rescores its candidates from that text. Run it on
 * a copy when the store is shared.
 *   node scripts/bench/lexical-texts.ts <dataDir> <chunks>
 */
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { chunkDocument } from '@docent/domain';
import { ChunkTexts } from '../../packages/adapters-local/test-support/chunk-texts.ts';
import { SyntheticCorpus } from './synthetic-corpus.ts';

const OWNER = 'bench-owner';
const DOCUMENTS_PER_TRANSACTION = 200;

const [dataDir, size] = process.argv.slice(2);
if (dataDir === undefined || size === undefined) throw new Error('usage: lexical-texts.ts <dataDir> <chunks>');
const chunks = Number(size);
const db = new DatabaseSync(path.join(dataDir, 'docent.db'));
const texts = new ChunkTexts(db);
const corpus = new SyntheticCorpus();
const started = performance.now();
db.exec('BEGIN');
for (let d = 0, built = 0; built < chunks; d++) {
  const drafts = chunkDocument(corpus.document()).slice(0, chunks - built);
  texts.write(
    OWNER,
    `doc-${d}`,
    `manual-${d}.pdf`,
    drafts.map((draft, i) => ({ ...draft, id: `doc-${d}-c${i}` })),
  );
  built += drafts.length;
  if (d % DOCUMENTS_PER_TRANSACTION === DOCUMENTS_PER_TRANSACTION - 1) db.exec('COMMIT; BEGIN');
  if (d % 1000 === 0) console.error(`${built} chunks, ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
db.exec('COMMIT');
db.close();
console.error(`wrote ${chunks} chunks' text in ${((performance.now() - started) / 1000).toFixed(1)} s`);
