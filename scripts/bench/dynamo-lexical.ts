/**
 * DynamoLexicalIndex against the SQLite lexical index on the QA sets (every document, chunked as
 * processing chunks it; every question asked for the retriever's 100 candidates): how often the top
 * 10 are identical, top-10 and top-100 overlap, and DynamoDB's requests and capacity units (as
 * dynalite computes them by DynamoDB's rules) per indexed chunk and per question. Prints JSON.
 *   node --conditions=docent-source scripts/bench/dynamo-lexical.ts [/work/shared/qa-dev ...]
 */
import { chunkQaDocuments, compareWithSqlite, loadQaQuestions } from './lexical-parity.ts';

const dirs = process.argv.slice(2);
for (const qaDir of dirs.length > 0 ? dirs : ['/work/shared/qa-dev', '/work/shared/qa-dev2']) {
  const report = await compareWithSqlite(await chunkQaDocuments(qaDir), loadQaQuestions(qaDir));
  console.log(JSON.stringify({ qaDir, ...report }));
}
