// Docent embedded in a Node app: open a store in a temporary folder, ingest one file, ask a
// question about it, print the answer with its citations, close.
//
//   node docs/examples/embed.mjs <file> ["question"]
//
// The file may also come from DOCENT_EXAMPLE_FILE. Plain JavaScript: it runs as installed from npm.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDocent, DocentError } from 'docent';

const file = process.argv[2] ?? process.env.DOCENT_EXAMPLE_FILE;
const question = process.argv[3] ?? 'What is this document about?';
if (file === undefined) {
  console.error('Usage: node embed.mjs <file> ["question"]  (or set DOCENT_EXAMPLE_FILE)');
  process.exit(2);
}

const dataDir = await mkdtemp(path.join(tmpdir(), 'docent-example-'));
// The embedded SQLite store in dataDir, the offline USE Lite embedder, extractive answers.
const docent = await createDocent({ dataDir });
try {
  // An ingestion is awaitable, and iterable for its progress.
  const ingestion = docent.ingest(file);
  for await (const progress of ingestion) {
    console.log(`  ${progress.stage} ${progress.done}/${progress.total}`);
  }
  const { document } = await ingestion;
  if (document.status === 'failed') throw new Error(`${document.name} failed: ${document.error?.message}`);
  console.log(`Ingested ${document.name}: ${document.chunkCount} chunks`);

  // An answer streams: text as it is produced, then the sources and the final answer.
  console.log(`\nQ: ${question}`);
  const answer = await docent.ask(question);
  console.log(`A: ${answer.answer}`);
  for (const [i, citation] of answer.citations.entries()) {
    const page = citation.page === undefined ? '' : `, page ${citation.page}`;
    console.log(`  [${i + 1}] ${citation.documentName}${page}: "${citation.quote}"`);
  }
} catch (error) {
  // Every failure of Docent is a DocentError with a stable code.
  console.error(error instanceof DocentError ? `docent error ${error.code}: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  await docent.close();
  await rm(dataDir, { recursive: true, force: true });
}
