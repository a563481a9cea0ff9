/**
 * Builds one user's synthetic corpus (synthetic-corpus.ts) into the lexical index only: no vectors,
 * so a 1M-chunk BM25 store builds in minutes; the chunks' text is stored as ingestion stores it (the
 * index rescores its candidates from it). Writes `questions.json` beside `docent.db`, drawn as
 * scale.ts draws them, so `lexical-search.ts` can time BM25 at sizes scale.ts cannot build here.
 *   node scripts/bench/lexical-build.ts <dataDir> <chunks>
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { openLocalStore } from '@docent/adapters-local';
import { chunkDocument, systemClock } from '@docent/domain';
import { ChunkTexts } from '../../packages/adapters-local/test-support/chunk-texts.ts';
import { SyntheticCorpus } from './synthetic-corpus.ts';

const OWNER = 'bench-owner';
const QUESTIONS = 60;

const [dataDir, size] = process.argv.slice(2);
if (dataDir === undefined || size === undefined) throw new Error('usage: lexical-build.ts <dataDir> <chunks>');
const chunks = Number(size);
const corpus = new SyntheticCorpus();
const store = openLocalStore({ dataDir, dimensions: 8, clock: systemClock, sessionTtlMs: 60_000 });
// A second connection for the chunks' text, which the store writes only through ingestion.
const db = new DatabaseSync(path.join(dataDir, 'docent.db'));
const texts = new ChunkTexts(db);
const passages: string[] = [];
const sources: string[] = [];
const every = Math.max(1, Math.floor(chunks / QUESTIONS));
const started = performance.now();
for (let d = 0, built = 0; built < chunks; d++) {
  const drafts = chunkDocument(corpus.document()).slice(0, chunks - built);
  const documentId = `doc-${d}`;
  db.exec('BEGIN');
  texts.write(
    OWNER,
    documentId,
    `manual-${d}.pdf`,
    drafts.map((draft, i) => ({ ...draft, id: `${documentId}-c${i}` })),
  );
  db.exec('COMMIT');
  await store.LexicalIndex.add(
    drafts.map((draft, i) => ({
      chunkId: `${documentId}-c${i}`,
      documentId,
      ownerId: OWNER,
      text: draft.text,
      ...(draft.heading !== undefined && { heading: draft.heading }),
      documentName: `manual-${d}.pdf`,
    })),
  );
  for (let i = 0; i < drafts.length; i++) {
    if ((built + i) % every === 0 && passages.length < QUESTIONS) {
      passages.push(drafts[i]?.text ?? '');
      sources.push(`${documentId}-c${i}`);
    }
  }
  built += drafts.length;
  if (d % 50 === 0) console.error(`${built} chunks, ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
store.close();
db.close();
await writeFile(path.join(dataDir, 'questions.json'), JSON.stringify(passages.map((p) => corpus.question(p))));
// The chunk each question was drawn from, for measuring how often BM25 ranks it first.
await writeFile(path.join(dataDir, 'sources.json'), JSON.stringify(sources));
console.error(`built ${chunks} chunks in ${((performance.now() - started) / 1000).toFixed(1)} s`);
