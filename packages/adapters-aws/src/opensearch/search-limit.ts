import { DocentError } from '@docent/domain';

/** Most hits one `_search` may return (OpenSearch's `index.max_result_window`, also k-NN's largest `k`). */
export const MAX_HITS = 10_000;

/** Checks a port's `limit`: a positive integer, which OpenSearch would otherwise reject or misread. */
export const checkLimit = (limit: number): number => {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new DocentError('validation_failed', 'The search limit must be a positive integer', {
      details: { field: 'limit' },
    });
  }
  return limit;
};
