import { distinctTexts, type EmbeddingUnit, embeddingUnits } from '../documents/embedding-units.ts';
import type { DocumentRecord } from '../entities/document.ts';
import { DocentError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { Embedder } from '../ports/embedder.ts';
import type { JobFailure } from '../ports/job-queue.ts';
import type { VectorEntry } from '../ports/vector-index.ts';
import {
  asRetryable,
  type DocumentCleanupDeps,
  DocumentGone,
  failDocument,
  givenUpError,
  parseDocumentPayload,
  purgeDocument,
  updateProgress,
} from './document-job-outcomes.ts';
import { embeddedBatches, ORDER_SPAN } from './embedded-batches.ts';
import type { JobContext, JobHandler } from './job-handler.ts';
import { JOB_NAMES } from './pipeline.ts';

/** Texts per embedder call for an embedder without an order of its own (see `batchSize`). */
const DEFAULT_CALL_TEXTS = 64;

/** What embedding reads and writes. */
export interface EmbedDocumentDeps extends DocumentCleanupDeps {
  embedder: Embedder;
  clock: Clock;
}

/** Embedding knobs (a subset of the processing options, which carry them). */
export interface EmbedDocumentOptions {
  /**
   * Distinct texts embedded per call, per vector write and per progress update. Default: a whole
   * span (`ORDER_SPAN`) for an embedder that orders passages, which batches a call's texts by
   * length, so a span cut into several calls batches worse (ADR 0042); 64 for any other, since a
   * call is when progress moves and the longest a deletion or a stop waits.
   */
  batchSize?: number;
  /**
   * Longest sentence window embedded as one vector (default 300 characters; see `sentenceWindows`).
   * Each chunk gets the vectors of the windows inside it and is found by its best one.
   */
  windowChars?: number;
  /** Embed sentence windows (default) or whole chunks; see `embeddingUnits`. */
  embedUnit?: EmbeddingUnit;
}

/** The `document.embed` payload: the document and the chunk set the processing run wrote. */
export interface EmbedDocumentPayload {
  ownerId: string;
  documentId: string;
  /** Id of the run's first chunk: chunk ids are new on every run, so it names the run's chunk set. */
  chunkSet: string;
}

const parsePayload = (payload: Record<string, unknown>): EmbedDocumentPayload | null => {
  const document = parseDocumentPayload(payload);
  return document !== null && typeof payload.chunkSet === 'string' ? { ...document, chunkSet: payload.chunkSet } : null;
};

/**
 * Seconds left at the rate measured so far (texts embedded per elapsed millisecond), as an
 * `etaSeconds` field; nothing until some time has passed, since a rate needs a duration.
 */
const remainingSeconds = (elapsedMs: number, done: number, total: number): { etaSeconds?: number } =>
  elapsedMs > 0 && done > 0 ? { etaSeconds: Math.ceil(((total - done) * elapsedMs) / done / 1000) } : {};

/** Thrown internally when a newer processing run replaced the chunk set this job embeds. */
class RunObsolete extends Error {}

/**
 * The `document.embed` job, enqueued by `document.process` once the document is searchable by
 * BM25: embeds the chunks' sentence windows in batches, stores each batch's vectors at once (answers
 * use them as they arrive), then marks the document `ready`, which so keeps meaning "every vector
 * exists". It runs in a worker lane of its own, so embedding never holds up other documents' fast
 * stages. It only embeds the chunk set it was enqueued for: when the document was deleted, or
 * processed again (retry, sweeper) so that the set is gone, it stops before its next write, purging
 * in the first case and leaving the newer run alone in the second. Reruns start over.
 */
export class EmbedDocument implements JobHandler {
  /** `document.embed`. */
  readonly name = JOB_NAMES.embedDocument;
  readonly #deps: EmbedDocumentDeps;
  readonly #batchSize: number | undefined;
  readonly #windowChars: number;
  readonly #embedUnit: EmbeddingUnit;

  constructor(deps: EmbedDocumentDeps, options: EmbedDocumentOptions = {}) {
    this.#deps = deps;
    this.#batchSize = options.batchSize === undefined ? undefined : Math.max(1, options.batchSize);
    this.#windowChars = Math.max(1, options.windowChars ?? 300);
    this.#embedUnit = options.embedUnit ?? 'window';
  }

  /**
   * Embeds the document's chunk set; does nothing when the document is gone or no longer waits
   * for these vectors. An aborted `signal` stops the run between batches (the next delivery starts over).
   */
  async run(rawPayload: Record<string, unknown>, context?: Partial<JobContext>): Promise<void> {
    const payload = parsePayload(rawPayload);
    if (payload === null) throw new DocentError('validation_failed', 'Malformed document.embed payload.');
    const document = await this.#deps.documents.get(payload.ownerId, payload.documentId);
    if (document === null || document.status !== 'processing' || document.progress.stage !== 'embedding') return;
    try {
      await this.#embed(document, payload.chunkSet, context?.signal);
    } catch (error) {
      if (error instanceof DocumentGone) return purgeDocument(this.#deps, document);
      if (error instanceof RunObsolete) return;
      throw asRetryable(error);
    }
  }

  /** Marks the document `failed` (with the failure's code when it says something), unless a newer run owns it. */
  async giveUp(rawPayload: Record<string, unknown>, failure: JobFailure): Promise<void> {
    const payload = parsePayload(rawPayload);
    if (payload === null || !(await this.#isCurrent(payload.ownerId, payload.chunkSet))) return;
    await failDocument(this.#deps, payload.ownerId, payload.documentId, givenUpError(failure));
  }

  async #embed(document: DocumentRecord, chunkSet: string, signal: AbortSignal | undefined): Promise<void> {
    const { chunks, embedder, vectors, clock } = this.#deps;
    const { ownerId, id: documentId } = document;
    const stored = await chunks.listForDocument(ownerId, documentId);
    const text = await chunks.getText(ownerId, documentId);
    if (stored[0]?.id !== chunkSet || text === null) throw new RunObsolete();
    // From an empty vector set: an earlier attempt's vectors are replaced, not added to.
    await vectors.deleteDocument(ownerId, documentId);
    const windows = embeddingUnits(this.#embedUnit, text.text, stored, this.#windowChars);
    // Every distinct text is embedded once: a window whose text repeats shares the first one's vector.
    const { texts, textOf } = distinctTexts(text.text, windows);
    const windowsOf: number[][] = texts.map(() => []);
    textOf.forEach((t, w) => {
      windowsOf[t]?.push(w);
    });
    // Texts go to the embedder in its preferred order (`passageOrder`), one span at a time, so that
    // progress still moves through the document (a chunk counts once its span is done).
    const ordered = embedder.passageOrder !== undefined;
    const span = ordered ? ORDER_SPAN : 1;
    const finishedAfter = chunksFinishedAfter(stored.length, windows, textOf).map(
      (last) => Math.min((Math.floor(last / span) + 1) * span, texts.length) - 1,
    );
    let chunksDone = 0;
    let embeddedCount = 0;
    const startedMs = clock.now().getTime();
    signal?.throwIfAborted();
    const callTexts = this.#batchSize ?? (ordered ? ORDER_SPAN : DEFAULT_CALL_TEXTS);
    for await (const { indexes, vectors: embedded } of embeddedBatches(embedder, texts, callTexts)) {
      // Let requests and other documents' jobs run between batches, even when the embedder computes
      // on this thread (the hashing embedder does): otherwise one document would hold the process.
      await new Promise((resolve) => setTimeout(resolve, 0));
      signal?.throwIfAborted();
      const entries: VectorEntry[] = [];
      indexes.forEach((_, i) => {
        const vector = embedded[i];
        if (vector === undefined) throw new DocentError('embedding_failed', 'The embedder returned too few vectors.');
        for (const w of windowsOf[indexes[i] as number] ?? []) {
          for (const c of windows[w]?.chunks ?? []) {
            const chunk = stored[c];
            if (chunk !== undefined)
              entries.push({ entryId: `${chunk.id}:${w}`, chunkId: chunk.id, documentId, ownerId, vector });
          }
        }
      });
      // Nothing stale is written: checked just before the write (a deletion that lands after it
      // is caught by the progress update below, which then purges).
      await this.#ensureCurrent(document, chunkSet);
      await vectors.upsert(entries);
      embeddedCount += indexes.length;
      while (chunksDone < finishedAfter.length && (finishedAfter[chunksDone] ?? 0) < embeddedCount) chunksDone++;
      const eta = remainingSeconds(clock.now().getTime() - startedMs, embeddedCount, texts.length);
      await updateProgress(
        this.#deps.documents,
        document,
        {},
        { stage: 'embedding', done: chunksDone, total: stored.length, ...eta },
      );
    }
    signal?.throwIfAborted();
    await this.#ensureCurrent(document, chunkSet);
    const ready = { status: 'ready' as const, readyAt: clock.now().toISOString() };
    await updateProgress(this.#deps.documents, document, ready, {
      stage: 'done',
      done: stored.length,
      total: stored.length,
    });
  }

  /** Whether the run's first chunk still exists, i.e. no later run replaced the chunk set. */
  async #isCurrent(ownerId: string, chunkSet: string): Promise<boolean> {
    return (await this.#deps.chunks.getMany(ownerId, [chunkSet])).length > 0;
  }

  /** Throws `DocumentGone` when the document was deleted, `RunObsolete` when a newer run replaced its chunks. */
  async #ensureCurrent(document: DocumentRecord, chunkSet: string): Promise<void> {
    if (await this.#isCurrent(document.ownerId, chunkSet)) return;
    const current = await this.#deps.documents.get(document.ownerId, document.id);
    throw current === null ? new DocumentGone() : new RunObsolete();
  }
}

/**
 * For each chunk (sorted), the index of the last distinct text it needs: progress counts chunks, as
 * the other stages do, and a chunk is done once the last text it needs is.
 */
const chunksFinishedAfter = (
  chunkCount: number,
  windows: readonly { chunks: readonly number[] }[],
  textOf: readonly number[],
): number[] => {
  const lastTextOf = new Array<number>(chunkCount).fill(-1);
  windows.forEach((window, w) => {
    for (const c of window.chunks) lastTextOf[c] = Math.max(lastTextOf[c] ?? -1, textOf[w] ?? -1);
  });
  return lastTextOf.sort((a, b) => a - b);
};
