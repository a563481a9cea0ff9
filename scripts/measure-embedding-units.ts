/**
 * Which texts to embed per document, by measured recall: ingests each QA set once per embedding
 * unit through the real local composition (extract, chunk, embed, index), then asks every question
 * through `POST /query/ask` (hybrid, Docent's answer path) and through the vector index alone
 * (dense). Prints, per set and unit, the texts embedded, recall@1/@5/@10 (strict) and the
 * answer hit. Vectors are cached on disk by text and embedder
 * (`--cache DIR`, default the OS temp dir), so each distinct text is computed once across units
 * and reruns; the CPU seconds per newly embedded text are printed too. `--dense-tokens N` sets what
 * USE Lite reads of a dense passage (default: the server's, DEFAULT_EMBED_DENSE_TOKENS). Usage:
 *   node scripts/measure-embedding-units.ts [--cache DIR] [--dense-tokens N] QA_DIR... -- UNIT...
 * where UNIT is `window:<chars>` or `chunk`, e.g.
 *   node scripts/measure-embedding-units.ts ../shared/qa-dev ../shared/qa-dev2 -- window:300 window:600 chunk
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UseLiteEmbedder } from '@docent/adapters-local';
import { TOKENS } from '@docent/domain';
import { DEFAULT_EMBED_DENSE_TOKENS } from '../apps/local-server/src/embedding-config.ts';
import { docentPipeline } from '../apps/local-server/src/eval/docent-pipeline.ts';
import { openEvalSession } from '../apps/local-server/src/eval/eval-session.ts';
import { locateGoldSpans } from '../apps/local-server/src/eval/gold-spans.ts';
import { vectorPipeline } from '../apps/local-server/src/eval/index-pipelines.ts';
import type { Pipeline } from '../apps/local-server/src/eval/pipeline.ts';
import { runPipeline, summarisePipeline } from '../apps/local-server/src/eval/pipeline-report.ts';
import { loadQaSet } from '../apps/local-server/src/eval/qa-set.ts';
import { VectorCache } from './bench/vector-cache.ts';

const args = process.argv.slice(2);
const cacheAt = args.indexOf('--cache');
const cacheDir = cacheAt >= 0 ? (args.splice(cacheAt, 2)[1] as string) : path.join(tmpdir(), 'docent-vector-cache');
const denseAt = args.indexOf('--dense-tokens');
const denseTokens = denseAt >= 0 ? Number(args.splice(denseAt, 2)[1]) : DEFAULT_EMBED_DENSE_TOKENS;
const split = args.indexOf('--');
const qaDirs = split < 0 ? args : args.slice(0, split);
const units = split < 0 ? ['window:300'] : args.slice(split + 1);

const cache = new VectorCache(new UseLiteEmbedder({ workers: 2, denseTokens }), cacheDir);
const percent = (value: number | null): string => (value === null ? '-' : (value * 100).toFixed(1));
console.log(
  `dense passages read to ${denseTokens} tokens\nset | unit | texts embedded | mean chars | hybrid R@1 / R@5 / R@10 | paraphrase R@5 | answer hit | dense R@5 / R@10 | CPU s per new text`,
);
for (const qaDir of qaDirs) {
  const qa = await loadQaSet(qaDir);
  for (const unit of units) {
    const [kind, chars = '300'] = unit.split(':');
    cache.reset();
    const session = await openEvalSession(qa, {
      embedder: 'use-lite',
      env: { DOCENT_EMBED_UNIT: kind as string, DOCENT_EMBED_WINDOW_CHARS: chars },
      embedderInstance: cache,
    });
    try {
      const texts = cache.passages;
      const meanChars = texts === 0 ? 0 : cache.passageChars / texts;
      const computed = cache.computed;
      const cpuSeconds = cache.cpuSeconds;
      const gold = locateGoldSpans(session.documents, qa.questions);
      const ask = async (pipeline: Pipeline) =>
        summarisePipeline(pipeline, await runPipeline(pipeline, qa.questions, gold));
      const answered = await ask(docentPipeline(session));
      const hybrid = answered.strict;
      const dense = (await ask(vectorPipeline(session, session.resolver.get(TOKENS.Embedder)))).strict;
      const hit = answered.answers?.hit;
      const chunks = session.ingest.chunks;
      console.log(
        [
          path.basename(qaDir),
          unit,
          `${texts} (${chunks} chunks)`,
          meanChars.toFixed(0),
          `${percent(hybrid.recall[1])} / ${percent(hybrid.recall[5])} / ${percent(hybrid.recall[10])}`,
          percent(hybrid.paraphrase[5]),
          hit === undefined ? '-' : `${hit.strict}/${hit.questions}`,
          `${percent(dense.recall[5])} / ${percent(dense.recall[10])}`,
          computed === 0 ? '-' : (cpuSeconds / computed).toFixed(3),
        ].join(' | '),
      );
    } finally {
      await session.close();
    }
  }
}
await cache.close();
