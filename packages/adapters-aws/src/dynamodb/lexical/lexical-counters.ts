import { DeleteCommand, type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mapLimited } from '../../s3/map-limited.ts';
import { batchGetAll } from '../dynamo-client.ts';
import { isConditionalCheckFailed } from '../dynamo-errors.ts';
import { COUNTER_SK, counterKey, statsKey } from './lexical-keys.ts';

/** One owner's totals and some terms' chunk counts, as last counted. */
export interface OwnerCounts {
  chunkCount: number;
  totalLength: number;
  /** Per term asked for (as keyed), the owner's chunks holding it; 0 when none. */
  frequencies: Map<string, number>;
}

/** Changes to counters gathered over one call, so each counter is updated once per call. */
export class CounterChanges {
  /** Per counter's partition key, the change of its chunk count. */
  readonly terms = new Map<string, number>();
  /** Per owner, the change of its chunk count and total length. */
  readonly owners = new Map<string, { chunks: number; length: number }>();

  /** Counts `delta` more (or fewer) chunks holding `term` (as keyed). */
  term(ownerId: string, term: string, delta: number): void {
    const { pk } = counterKey(ownerId, term);
    this.terms.set(pk, (this.terms.get(pk) ?? 0) + delta);
  }

  /** Counts `chunks` more (or fewer) chunks of `length` terms in total for the owner. */
  owner(ownerId: string, chunks: number, length: number): void {
    const totals = this.owners.get(ownerId) ?? { chunks: 0, length: 0 };
    this.owners.set(ownerId, { chunks: totals.chunks + chunks, length: totals.length + length });
  }
}

/**
 * Per-owner statistics: the owner's chunk count and total length (one item) and per term its chunk
 * count (one item in the term's partition, so a bulk load spreads its updates over many partitions
 * instead of throttling on one). Every change is an atomic UpdateItem ADD: concurrent writers never
 * lose each other's counts. A counter that falls to zero is deleted (conditionally, should another
 * writer have raised it meanwhile), so deleted documents leave no items behind.
 */
export class LexicalCounters {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #concurrency: number;

  constructor(client: DynamoDBDocumentClient, tableName: string, concurrency: number) {
    this.#client = client;
    this.#table = tableName;
    this.#concurrency = concurrency;
  }

  /** Applies `changes`: one UpdateItem per changed counter, `concurrency` at a time. */
  async apply(changes: CounterChanges): Promise<void> {
    const updates: { key: { pk: string; sk: string }; values: Record<string, number> }[] = [
      ...[...changes.owners].map(([ownerId, { chunks, length }]) => ({
        key: statsKey(ownerId),
        values: { chunks, length },
      })),
      ...[...changes.terms].map(([pk, df]) => ({ key: { pk, sk: COUNTER_SK }, values: { df } })),
    ].filter((update) => Object.values(update.values).some((value) => value !== 0));
    await mapLimited(updates, this.#concurrency, (update) => this.#add(update.key, update.values));
  }

  async #add(key: { pk: string; sk: string }, values: Record<string, number>): Promise<void> {
    const names = Object.keys(values);
    const { Attributes } = await this.#client.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: key,
        UpdateExpression: `ADD ${names.map((_, i) => `#a${i} :v${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#a${i}`, name])),
        ExpressionAttributeValues: Object.fromEntries(names.map((name, i) => [`:v${i}`, values[name]])),
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    // The first attribute is the count (df, or the owner's chunks): zero means nothing is left to count.
    const count = Number(Attributes?.[names[0] as string] ?? 0);
    if (count > 0) return;
    try {
      await this.#client.send(
        new DeleteCommand({
          TableName: this.#table,
          Key: key,
          ConditionExpression: '#count <= :zero',
          ExpressionAttributeNames: { '#count': names[0] as string },
          ExpressionAttributeValues: { ':zero': 0 },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  /** The owner's totals and the counts of `terms` (as keyed), in one BatchGetItem. */
  async read(ownerId: string, terms: readonly string[], consistentRead: boolean): Promise<OwnerCounts> {
    const stats = statsKey(ownerId);
    const keys = [stats, ...terms.map((term) => counterKey(ownerId, term))];
    const items = await batchGetAll(this.#client, this.#table, keys, consistentRead);
    const byPk = new Map(items.map((item) => [`${item.pk}\u0000${item.sk}`, item]));
    const totals = byPk.get(`${stats.pk}\u0000${stats.sk}`);
    const chunkCount = Math.max(0, Number(totals?.chunks ?? 0));
    const frequencies = new Map<string, number>();
    for (const term of terms) {
      const { pk, sk } = counterKey(ownerId, term);
      // Never outside [0, chunkCount], should a writer killed mid-call have left a count off by its batch.
      frequencies.set(term, Math.min(chunkCount, Math.max(0, Number(byPk.get(`${pk}\u0000${sk}`)?.df ?? 0))));
    }
    return { chunkCount, totalLength: Math.max(0, Number(totals?.length ?? 0)), frequencies };
  }
}
