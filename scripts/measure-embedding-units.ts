/**
 * Which texts to embed per document, by measured recall: ingests each QA set once per embedding
 * unit through the real local composition (extract, chunk, embed, index), then asks every question
 * through `POST /query/ask` (hybrid, Docent's answer path) and through the vector index alone
 * (dense). Prints, per set and unit, the texts embedded and recall@5/@10 (strict). Vectors are
 * cached on disk by text (`--cache DIR`, default the OS temp dir), so each distinct text is computed
 * once across units and reruns; the CPU seconds per newly embedded text are printed too. Usage:
 *   node scripts/measure-embedding-units.ts [--cache DIR] QA_DIR... -- UNIT...
 * where UNIT is `window:<chars>` or `chunk`, e.g.
 *   node scripts/measure-embedding-units.ts ../shared/qa-dev ../shared/qa-dev2 -- window:300 window:600 chunk
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UseLiteEmbedder } from '@docent/adapters-local';
import { type Embedder, TOKENS } from '@docent/domain';
import { docentPipeline } from '../apps/local-server/src/eval/docent-pipeline.ts';
import { openEvalSession } from '../apps/local-server/src/eval/eval-session.ts';
import { locateGoldSpans } from '../apps/local-server/src/eval/gold-spans.ts';
import { vectorPipeline } from '../apps/local-server/src/eval/index-pipelines.ts';
import { type Pipeline, questionResult } from '../apps/local-server/src/eval/pipeline.ts';
import { summarisePipeline } from '../apps/local-server/src/eval/pipeline-report.ts';
import { loadQaSet } from '../apps/local-server/src/eval/qa-set.ts';

const DIMENSIONS = 512;
const RECORD_BYTES = 20 + DIMENSIONS * 4;

/** USE Lite behind an append-only file of (sha1 of text, vector) records; counts what it is asked. */
class VectorCache implements Embedder {
  readonly modelId: string;
  readonly dimensions = DIMENSIONS;
  readonly #inner: UseLiteEmbedder;
  readonly #file: string;
  readonly #vectors = new Map<string, Float32Array>();
  /** Passage texts asked for since the last `reset`, and how many of them had to be computed. */
  passages = 0;
  passageChars = 0;
  computed = 0;
  cpuSeconds = 0;

  constructor(inner: UseLiteEmbedder, dir: string) {
    this.#inner = inner;
    this.modelId = inner.modelId;
    mkdirSync(dir, { recursive: true });
    this.#file = path.join(dir, `${inner.modelId}.bin`);
    if (!existsSync(this.#file)) return;
    const bytes = readFileSync(this.#file);
    for (let at = 0; at + RECORD_BYTES <= bytes.length; at += RECORD_BYTES) {
      const key = bytes.subarray(at, at + 20).toString('hex');
      const copy = new Uint8Array(bytes.subarray(at + 20, at + RECORD_BYTES));
      this.#vectors.set(key, new Float32Array(copy.buffer));
    }
  }

  reset(): void {
    this.passages = 0;
    this.passageChars = 0;
    this.computed = 0;
    this.cpuSeconds = 0;
  }

  async embed(texts: readonly string[], options?: Parameters<Embedder['embed']>[1]): Promise<Float32Array[]> {
    const keys = texts.map((text) => createHash('sha1').update(text).digest());
    const missing = [...new Set(texts.filter((_, i) => !this.#vectors.has(keys[i]?.toString('hex') ?? '')))];
    if (options?.purpose !== 'query') {
      this.passages += texts.length;
      this.passageChars += texts.reduce((sum, text) => sum + text.length, 0);
    }
    if (missing.length > 0) {
      const cpu = process.cpuUsage();
      const vectors = await this.#inner.embed(missing, options);
      const used = process.cpuUsage(cpu);
      if (options?.purpose !== 'query') {
        this.computed += missing.length;
        this.cpuSeconds += (used.user + used.system) / 1e6;
      }
      missing.forEach((text, i) => {
        const key = createHash('sha1').update(text).digest();
        const vector = vectors[i] as Float32Array;
        this.#vectors.set(key.toString('hex'), vector);
        appendFileSync(
          this.#file,
          Buffer.concat([key, Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength)]),
        );
      });
    }
    return keys.map((key) => this.#vectors.get(key.toString('hex')) as Float32Array);
  }

  close(): Promise<void> {
    return this.#inner.close();
  }
}

const args = process.argv.slice(2);
const cacheAt = args.indexOf('--cache');
const cacheDir = cacheAt >= 0 ? (args.splice(cacheAt, 2)[1] as string) : path.join(tmpdir(), 'docent-vector-cache');
const split = args.indexOf('--');
const qaDirs = split < 0 ? args : args.slice(0, split);
const units = split < 0 ? ['window:300'] : args.slice(split + 1);

const cache = new VectorCache(new UseLiteEmbedder({ workers: 2 }), cacheDir);
const percent = (value: number | null): string => (value === null ? '-' : (value * 100).toFixed(1));
console.log(
  'set | unit | texts embedded | mean chars | hybrid R@5 / R@10 | paraphrase R@5 | dense R@5 / R@10 | CPU s per new text',
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
      const ask = async (pipeline: Pipeline) => {
        const results = [];
        for (const q of qa.questions) {
          results.push({ kind: q.kind, result: questionResult(q, await pipeline.ask(q), gold.get(q.id) ?? []) });
        }
        return summarisePipeline(pipeline, results).strict;
      };
      const hybrid = await ask(docentPipeline(session));
      const dense = await ask(vectorPipeline(session, session.resolver.get(TOKENS.Embedder)));
      const chunks = session.ingest.chunks;
      console.log(
        [
          path.basename(qaDir),
          unit,
          `${texts} (${chunks} chunks)`,
          meanChars.toFixed(0),
          `${percent(hybrid.recall[5])} / ${percent(hybrid.recall[10])}`,
          percent(hybrid.paraphrase[5]),
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
