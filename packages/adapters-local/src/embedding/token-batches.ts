/**
 * Cost of one model call in tokens' worth of work besides the tokens themselves (the graph's ~300
 * ops dispatched, every weight matrix read once): with the weight and attention products native
 * (ADR 0035, ADR 0041), one thread here spends 5-7 ms a call against 0.065 ms a token, 80-107
 * tokens' worth (`scripts/measure-call-cost.ts`: texts of 16 or 64 tokens, one to a call against
 * 16-64 to a call). On qa-dev's recorded passage calls, 100 instead of the 24 measured on WASM
 * kernels takes the model calls from 628 to 390 and the padding from 3.2% to 7.1%, for 4-5% less
 * CPU (`scripts/measure-batch-plans.ts`).
 */
export const CALL_OVERHEAD_TOKENS = 100;

/**
 * Groups texts into batches for a model that pads every text of a batch to the batch's longest one
 * (USE Lite does): texts in order of token count, cut into consecutive runs of at most `maxBatch`
 * texts and at most `maxTokens` padded tokens (a lone text may pass it) so that the estimated work,
 * `overheadTokens` per batch plus batch size x longest text per batch, is smallest (dynamic
 * programming over the sorted order; O(texts x maxBatch)). On qa-dev's sentence windows this pads 1%
 * instead of the 29% of batches of eight formed by character length. The token bound keeps a batch
 * of long texts as short to run as before while short texts share calls.
 * Returns the texts' indexes per batch, shortest batches first; every index appears exactly once.
 */
export const tokenBatches = (
  tokenCounts: readonly number[],
  maxBatch: number,
  overheadTokens = CALL_OVERHEAD_TOKENS,
  maxTokens = Number.POSITIVE_INFINITY,
): number[][] => {
  const order = tokenCounts.map((_, i) => i).sort((a, b) => (tokenCounts[a] ?? 0) - (tokenCounts[b] ?? 0) || a - b);
  // cost[i]: least work for the first i texts of `order`; size[i]: the last batch's size in that plan.
  const cost = [0];
  const size = [0];
  for (let i = 1; i <= order.length; i++) {
    const longest = tokenCounts[order[i - 1] as number] ?? 0;
    let best = Number.POSITIVE_INFINITY;
    let bestSize = 1;
    for (let k = 1; k <= Math.min(maxBatch, i); k++) {
      if (k > 1 && k * longest > maxTokens) break;
      const total = (cost[i - k] as number) + overheadTokens + k * longest;
      if (total < best) {
        best = total;
        bestSize = k;
      }
    }
    cost.push(best);
    size.push(bestSize);
  }
  const batches: number[][] = [];
  for (let end = order.length; end > 0; end -= size[end] as number) {
    batches.unshift(order.slice(end - (size[end] as number), end));
  }
  return batches;
};
