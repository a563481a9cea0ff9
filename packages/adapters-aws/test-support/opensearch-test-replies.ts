import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The recorded AWS payloads, beside the repository checkout (never copied into it). */
const AWS_FIXTURES_DIR = path.resolve(import.meta.dirname, '../../../../shared/fixtures/aws');

/** A recorded fixture, parsed. */
export const readOpenSearchFixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(AWS_FIXTURES_DIR, name), 'utf8'));

/** How one bulk item fails: an error item (from the recorded failure), or a delete of a missing document. */
export type BulkItemOutcome = { status: number; type: string; reason: string } | 'not_found';

/** One hit of a scripted search answer; `_index` and a generated `_id` are filled in. */
export interface ScriptedHit {
  source: Record<string, unknown>;
  score?: number | null;
  id?: string;
  sort?: unknown[];
}

type Item = Record<string, Record<string, unknown>>;

/** An id shaped like the 20-character ids OpenSearch generates. */
export const generatedId = (): string => randomBytes(15).toString('base64url');

/**
 * The answer to a `_bulk` request: per action line, the recorded item for that action (`index` answers
 * `created`, `delete` answers `deleted`) with the request's index and id substituted, or the recorded
 * failure item with `outcomes[position]`'s status, type and reason.
 */
export const bulkReply = (
  actions: ReadonlyArray<{ action: string; index: string; id?: string }>,
  outcomes: Readonly<Record<number, BulkItemOutcome>> = {},
): object => {
  const recorded = readOpenSearchFixture('opensearch-bulk-response.docs.json') as { items: Item[] };
  const recordedFailure = readOpenSearchFixture('opensearch-bulk-response-with-error.docs.json') as { items: Item[] };
  const template = (action: string) => recorded.items.find((item) => action in item)?.[action] ?? {};
  const items = actions.map(({ action, index, id = generatedId() }, position) => {
    const outcome = outcomes[position];
    if (outcome === 'not_found') return { [action]: { ...template('delete'), _index: index, _id: id } };
    if (outcome !== undefined) {
      const failed = recordedFailure.items[0]?.update ?? {};
      const error = { ...(failed.error as object), type: outcome.type, reason: outcome.reason, index };
      return { [action]: { ...failed, _index: index, _id: id, status: outcome.status, error } };
    }
    const item = { ...template(action), _index: index, _id: id, _seq_no: position };
    return { [action]: action === 'delete' ? { ...item, result: 'deleted', status: 200 } : item };
  });
  return { ...recorded, errors: Object.keys(outcomes).length > 0, items };
};

/** A `_search` answer shaped as the recorded k-NN answer, with these hits (and aggregations). */
export const searchReply = (
  index: string,
  hits: readonly ScriptedHit[],
  extra: { total?: number; aggregations?: object } = {},
): object => {
  const recorded = readOpenSearchFixture('opensearch-knn-search-response.docs.json') as {
    hits: { hits: Array<Record<string, unknown>> };
  };
  const scores = hits.flatMap((hit) => (typeof hit.score === 'number' ? [hit.score] : []));
  return {
    ...recorded,
    hits: {
      ...recorded.hits,
      total: { value: extra.total ?? hits.length, relation: 'eq' },
      max_score: scores.length === 0 ? null : Math.max(...scores),
      hits: hits.map((hit) => ({
        ...recorded.hits.hits[0],
        _index: index,
        _id: hit.id ?? generatedId(),
        _score: hit.score ?? null,
        _source: hit.source,
        ...(hit.sort === undefined ? {} : { sort: hit.sort }),
      })),
    },
    ...(extra.aggregations === undefined ? {} : { aggregations: extra.aggregations }),
  };
};

/** OpenSearch's error body (`{"error": {"root_cause", "type", "reason"}, "status"}`). */
export const errorReply = (status: number, type: string, reason: string): object => ({
  error: { root_cause: [{ type, reason }], type, reason },
  status,
});
