import { DocentError } from '../errors.ts';
import type { Embedder } from '../ports/embedder.ts';

/**
 * Distinct texts ordered by the embedder at a time: its order groups texts of like cost within a
 * span. On qa-dev, spans of 1,024 texts made USE Lite's 716 model calls 370 and its padding
 * 3% -> 1%, but most documents have fewer texts than that and showed no embedding progress until
 * their end; 256 texts (~0.6 s of both cores since ADR 0041) keeps progress moving and most of the
 * batching gain. `EmbedDocument` also calls such an embedder once per span by default (ADR 0042),
 * so it is the longest a deletion or a stop waits there.
 */
export const ORDER_SPAN = 256;

/** One embedded batch: indexes into the texts, in the order they were sent, and their vectors. */
export interface EmbeddedBatch {
  indexes: number[];
  vectors: Float32Array[];
}

/** The indexes of `texts[start, start + span)` in the embedder's order, or as they are without one. */
const spanOrder = async (embedder: Embedder, texts: readonly string[], start: number, span: number) => {
  const part = texts.slice(start, start + span);
  if (embedder.passageOrder === undefined || part.length === 1) return part.map((_, i) => start + i);
  const order = await embedder.passageOrder(part);
  const seen = new Set(order);
  if (order.length !== part.length || seen.size !== part.length || order.some((i) => !(i >= 0 && i < part.length))) {
    throw new DocentError('embedding_failed', 'The embedder did not order every passage exactly once.');
  }
  return order.map((i) => start + i);
};

/**
 * Embeds `texts` as passages in calls of `batchSize`, in the embedder's order (`passageOrder`) one
 * span at a time, or in document order without one (a text is then its own span). One call runs
 * ahead: the next batch is computing while the caller stores this one, so an embedder's workers do
 * not wait for the store's writes, nor idle at the end of a call whose batches do not split evenly
 * between them. Stopping early wastes at most that one call.
 */
export async function* embeddedBatches(
  embedder: Embedder,
  texts: readonly string[],
  batchSize: number,
): AsyncGenerator<EmbeddedBatch> {
  // Without an order of its own the texts stay as they are: one span of them all.
  const span = embedder.passageOrder === undefined ? texts.length : ORDER_SPAN;
  const order: number[] = [];
  const start = async (from: number): Promise<EmbeddedBatch> => {
    while (order.length < Math.min(from + batchSize, texts.length)) {
      order.push(...(await spanOrder(embedder, texts, order.length, span)));
    }
    const indexes = order.slice(from, from + batchSize);
    const vectors = await embedder.embed(
      indexes.map((t) => texts[t] as string),
      { purpose: 'passage' },
    );
    return { indexes, vectors };
  };
  /**
   * Starts the call for the batch at `from`. Its failure is marked handled at once: it may settle
   * while the caller stores the previous batch, or after the caller stopped and nobody awaits it;
   * the loop's `await` still throws it.
   */
  const ahead = (from: number): Promise<EmbeddedBatch> | null => {
    if (from >= texts.length) return null;
    const call = start(from);
    call.catch(() => {});
    return call;
  };
  for (let from = 0, next = ahead(0); next !== null; from += batchSize) {
    const batch = await next;
    next = ahead(from + batchSize);
    yield batch;
  }
}
