/**
 * An ask worker thread: answers questions with the same `AskQuestion` the server would run
 * in-process (the domain's `createAskQuestion`, which `createUseCases` uses), over its own
 * connection to the store, so retrieval, reading and the history write leave the server's event loop. The embedder and reranker stay in the parent,
 * and so does the approximate vector index of large owners.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openAskConnection } from '@docent/adapters-local';
import { createAskQuestion, createRandomIds, systemClock } from '@docent/domain';
import { createAnswering } from '../create-answering.ts';
import type { AskWorkerData, FromWorker, ToWorker } from './ask-worker-protocol.ts';
import { toErrorData } from './error-data.ts';
import { ParentPorts } from './parent-ports.ts';

const port = parentPort;
if (port === null) throw new Error('ask-worker.ts runs as a worker thread');
const data = workerData as AskWorkerData;
const parent = new ParentPorts(port);
const store = openAskConnection({
  dataDir: data.dataDir,
  dimensions: data.embedder.dimensions,
  ...(data.vectorCacheBytes === undefined ? {} : { scanCacheBytes: data.vectorCacheBytes }),
  ...(data.approximateFrom === undefined
    ? {}
    : { largeOwners: { minVectors: data.approximateFrom, index: parent.vectors() } }),
});
const { answerer, rewriter } = createAnswering(data.llm);
const ask = createAskQuestion(
  {
    DocumentRepository: store.DocumentRepository,
    ChunkRepository: store.ChunkRepository,
    LexicalIndex: store.LexicalIndex,
    VectorIndex: store.VectorIndex,
    QueryHistoryRepository: store.QueryHistoryRepository,
    Embedder: parent.embedder(data.embedder.modelId, data.embedder.dimensions),
    Answerer: answerer,
    Ids: createRandomIds(systemClock),
    Clock: systemClock,
  },
  {
    // BM25 runs synchronously on this thread and a large owner's dense search on the server's:
    // asked for first, the dense search runs while BM25 does (searchCandidates).
    ask: { lexicalAfterEmbedding: true },
    ...(rewriter === undefined ? {} : { rewriter }),
    ...(data.rerankerModelId === undefined ? {} : { reranker: parent.reranker(data.rerankerModelId) }),
  },
);

const running = new Map<number, AbortController>();
const send = (message: FromWorker) => port.postMessage(message);

port.on('message', async (message: ToWorker) => {
  if (parent.settle(message)) return;
  if (message.type === 'abort') {
    running.get(message.id)?.abort(new Error('The client closed the connection'));
    return;
  }
  if (message.type !== 'ask') return;
  const { id, principal, input, stream } = message;
  const controller = new AbortController();
  running.set(id, controller);
  try {
    const answer = await ask.execute(principal, input, {
      signal: controller.signal,
      ...(stream ? { onText: (delta: string) => send({ type: 'text', id, delta }) } : {}),
    });
    send({ type: 'answered', id, answer });
  } catch (error) {
    send({ type: 'failed', id, error: toErrorData(error) });
  } finally {
    running.delete(id);
  }
});
