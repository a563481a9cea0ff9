/**
 * The ask worker of the scale benchmark's query process: gets a question's candidates as the
 * server's ask workers do (the retriever's `searchCandidates` over an `openAskConnection`: BM25 and
 * term statistics on this thread's own SQLite connection, the embedding and a large owner's dense
 * search borrowed from the parent thread, which holds the approximate index), and reports how long
 * that took and the dense ranking's top 10. Started by scale-queries.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openAskConnection } from '@docent/adapters-local';
import type { LexicalIndex } from '@docent/domain';
import type { ToWorker } from '../../apps/local-server/src/ask-pool/ask-worker-protocol.ts';
import { ParentPorts } from '../../apps/local-server/src/ask-pool/parent-ports.ts';
// Not part of the domain's public API; imported by path so the bench runs the retriever's own code.
import { searchCandidates } from '../../packages/domain/src/retrieval/candidate-search.ts';
import { questionTerms } from '../../packages/domain/src/retrieval/term-rarity.ts';

/** What the parent sends besides the answers to borrowed calls. */
export type ToScaleWorker = ToWorker | { type: 'search'; id: number; question: string } | { type: 'warm' };

/** What the worker sends besides borrowed calls. */
export type FromScaleWorker =
  | { type: 'ready' }
  | { type: 'warm' }
  | {
      type: 'searched';
      id: number;
      ms: number;
      cpuMs: number;
      denseTop: string[];
      /** When BM25 ran, in ms since the process started (`timeOrigin`-based, comparable across threads). */
      lexical: { from: number; to: number };
    };

/** Plain data the worker starts with. */
export interface ScaleWorkerData {
  dataDir: string;
  ownerId: string;
  dimensions: number;
  candidates: number;
  /** Owners with at least this many vectors are searched by the parent's approximate index. */
  approximateFrom?: number;
  /** As the server's ask workers (true), or BM25 at once, for comparison. */
  lexicalAfterEmbedding: boolean;
}

const port = parentPort;
if (port === null) throw new Error('scale-ask-worker.ts runs as a worker thread');
const data = workerData as ScaleWorkerData;
const parent = new ParentPorts(port);
const store = openAskConnection({
  dataDir: data.dataDir,
  dimensions: data.dimensions,
  ...(data.approximateFrom === undefined
    ? {}
    : { largeOwners: { minVectors: data.approximateFrom, index: parent.vectors() } }),
});
/** Now, comparable with the parent thread's clock. */
const now = () => performance.timeOrigin + performance.now();
let lexicalSpan = { from: 0, to: 0 };
const ports = {
  // The BM25 search, timed: the parent compares its span with the dense search's.
  lexical: {
    add: (entries) => store.LexicalIndex.add(entries),
    deleteDocument: (ownerId, documentId) => store.LexicalIndex.deleteDocument(ownerId, documentId),
    termStatistics: (ownerId, terms) => store.LexicalIndex.termStatistics(ownerId, terms),
    search: async (query) => {
      const from = now();
      const hits = await store.LexicalIndex.search(query);
      lexicalSpan = { from, to: now() };
      return hits;
    },
  } satisfies LexicalIndex,
  vectors: store.VectorIndex,
  embedder: parent.embedder('bench', data.dimensions),
};
const send = (message: FromScaleWorker) => port.postMessage(message);
const threadCpuMs = (): number => {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
};

port.on('message', async (message: ToScaleWorker) => {
  if (message.type === 'returned' || message.type === 'threw') {
    parent.settle(message);
    return;
  }
  if (message.type === 'warm') {
    await store.warmedUp();
    send({ type: 'warm' });
    return;
  }
  if (message.type !== 'search') return;
  const started = performance.now();
  const cpu = threadCpuMs();
  const found = await searchCandidates(
    ports,
    { text: message.question, terms: questionTerms(message.question) },
    { ownerId: data.ownerId, limit: data.candidates },
    { dense: true, lexicalAfterEmbedding: data.lexicalAfterEmbedding },
  );
  send({
    type: 'searched',
    id: message.id,
    ms: performance.now() - started,
    cpuMs: threadCpuMs() - cpu,
    denseTop: found.dense.slice(0, 10).map((hit) => hit.chunkId),
    lexical: lexicalSpan,
  });
});
send({ type: 'ready' });
