/**
 * What the budget stage's vector store costs in quality and in S3 Vectors requests. Ingests each QA set
 * twice through the real local composition, the same embedder (USE Lite, vectors cached on disk) and the
 * same BM25 (SQLite FTS5) and fusion: once with the local vector index, once with `S3VectorsVectorIndex`
 * talking to the S3 Vectors protocol server (exact cosine, the service's limits: at most 100 vectors per
 * query). Then asks every question through `POST /query/ask` (hybrid, Docent's answer path) and through
 * the vector index alone, and prints recall@5/@10 (strict), answer hit (strict), and per set the S3 Vectors
 * calls and logical bytes the ingest and the questions made, per page and per question. Usage:
 *   node --conditions=docent-source scripts/measure-budget-search.ts [--cache DIR] QA_DIR...
 * e.g. node --conditions=docent-source scripts/measure-budget-search.ts ../shared/qa-dev ../shared/qa-dev2
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NON_FILTERABLE_METADATA_KEYS, S3VectorsVectorIndex } from '@docent/adapters-aws/s3vectors';
import { UseLiteEmbedder } from '@docent/adapters-local';
import { TOKENS, type VectorIndex } from '@docent/domain';
import { docentPipeline } from '../apps/local-server/src/eval/docent-pipeline.ts';
import { type EvalSession, openEvalSession } from '../apps/local-server/src/eval/eval-session.ts';
import { locateGoldSpans } from '../apps/local-server/src/eval/gold-spans.ts';
import { vectorPipeline } from '../apps/local-server/src/eval/index-pipelines.ts';
import type { Pipeline } from '../apps/local-server/src/eval/pipeline.ts';
import { runPipeline, summarisePipeline } from '../apps/local-server/src/eval/pipeline-report.ts';
import { loadQaSet, type QaSet } from '../apps/local-server/src/eval/qa-set.ts';
import {
  type RecordedS3VectorsRequest,
  startS3VectorsTestServer,
} from '../packages/adapters-aws/test-support/s3vectors-test-server.ts';
import { AWS_ASSUMPTIONS } from './bench/aws-prices.ts';
import { VectorCache } from './bench/vector-cache.ts';

const BUCKET = 'docent-budget';
const INDEX = 'chunks';

const args = process.argv.slice(2);
const cacheAt = args.indexOf('--cache');
const cacheDir = cacheAt >= 0 ? (args.splice(cacheAt, 2)[1] as string) : path.join(tmpdir(), 'docent-vector-cache');
const cache = new VectorCache(new UseLiteEmbedder({ workers: 2 }), cacheDir);
const percent = (value: number | null | undefined): string => (value == null ? '-' : (value * 100).toFixed(1));

/** Hybrid and dense figures of one session; `afterHybrid` runs between the two passes. */
const measure = async (qa: QaSet, session: EvalSession, afterHybrid: () => void = () => {}) => {
  const gold = locateGoldSpans(session.documents, qa.questions);
  const ask = async (pipeline: Pipeline) =>
    summarisePipeline(pipeline, await runPipeline(pipeline, qa.questions, gold));
  const hybrid = await ask(docentPipeline(session));
  afterHybrid();
  const dense = (await ask(vectorPipeline(session, session.resolver.get(TOKENS.Embedder)))).strict;
  const hit = hybrid.answers?.hit;
  return {
    row: [
      `${percent(hybrid.strict.recall[5])} / ${percent(hybrid.strict.recall[10])}`,
      hit === undefined ? '-' : `${hit.strict}/${hit.questions}`,
      `${percent(dense.recall[5])} / ${percent(dense.recall[10])}`,
    ],
  };
};

/** PDF pages, else `charsPerPage`-character pages, as the bench's cost model counts them. */
const pagesOf = async (session: EvalSession): Promise<number> => {
  const documents = session.resolver.get(TOKENS.DocumentRepository);
  let pages = 0;
  for (const d of session.documents) {
    const record = await documents.get(session.principal.userId, d.id);
    pages += record?.pageCount ?? Math.max(1, Math.ceil(d.text.length / AWS_ASSUMPTIONS.charsPerPage));
  }
  return pages;
};

/** Calls of one operation and the logical bytes of the vectors they carried (data, key, metadata). */
const tally = (requests: readonly RecordedS3VectorsRequest[], operation: string) => {
  const calls = requests.filter((request) => request.operation === operation);
  let vectors = 0;
  let logicalBytes = 0;
  for (const call of calls) {
    for (const vector of (call.body.vectors ?? []) as Array<{ key: string; data: { float32: number[] } }>) {
      vectors += 1;
      const { key, data, ...rest } = vector;
      logicalBytes += data.float32.length * 4 + Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(rest));
    }
  }
  return { calls: calls.length, vectors, logicalBytes };
};

const withSession = async <T>(
  qa: QaSet,
  vectorIndex: VectorIndex | undefined,
  use: (session: EvalSession) => Promise<T>,
): Promise<T> => {
  const session = await openEvalSession(qa, {
    embedder: 'use-lite',
    // Ask workers read the SQLite file's vectors themselves; on this thread every search uses `vectorIndex`.
    env: { DOCENT_ASK_WORKERS: '0' },
    embedderInstance: cache,
    ...(vectorIndex === undefined ? {} : { vectorIndex }),
    onProgress: (message) => process.stderr.write(`${message}\n`),
  });
  try {
    return await use(session);
  } finally {
    await session.close();
  }
};

console.log('set | vector store | hybrid R@5 / R@10 | answer hit | dense R@5 / R@10');
const usage: string[] = [];
for (const qaDir of args) {
  const qa = await loadQaSet(qaDir);
  const name = path.basename(qaDir);
  const local = await withSession(qa, undefined, (session) => measure(qa, session));
  console.log([name, 'local (SQLite)', ...local.row].join(' | '));

  const server = await startS3VectorsTestServer();
  try {
    const index = server.createIndex(BUCKET, INDEX, {
      dimension: cache.dimensions,
      nonFilterableMetadataKeys: NON_FILTERABLE_METADATA_KEYS,
    });
    const vectorIndex = new S3VectorsVectorIndex({
      client: server.client(),
      vectorBucketName: BUCKET,
      indexName: INDEX,
      dimensions: cache.dimensions,
    });
    await withSession(qa, vectorIndex, async (session) => {
      const ingest = server.requests.slice();
      const pages = await pagesOf(session);
      const asked = server.requests.length;
      let hybridQueries = 0;
      // Only the hybrid pass counts as questions a user asks; the dense pass is a diagnostic.
      const budget = await measure(qa, session, () => {
        hybridQueries = server.requests.slice(asked).filter((r) => r.operation === 'QueryVectors').length;
      });
      console.log([name, 'S3 Vectors (topK <= 100)', ...budget.row].join(' | '));
      const put = tally(ingest, 'PutVectors');
      usage.push(
        [
          name,
          `${session.documents.length} documents, ${pages} pages, ${index.size} vectors stored`,
          `PutVectors: ${put.calls} calls, ${(put.vectors / pages).toFixed(1)} vectors and ${(put.logicalBytes / pages / 1024).toFixed(1)} KiB per page, ${(put.vectors / Math.max(1, put.calls)).toFixed(0)} vectors per call`,
          `QueryVectors: ${(hybridQueries / qa.questions.length).toFixed(2)} per question asked (hybrid pass)`,
          `mean logical bytes per stored vector: ${(put.logicalBytes / Math.max(1, put.vectors)).toFixed(0)}`,
        ].join(' | '),
      );
    });
  } finally {
    await server.close();
  }
}
console.log('\nS3 Vectors usage (per set):');
for (const line of usage) console.log(line);
await cache.close();
