import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Clock, DocentError } from '@docent/domain';
import { guardKey } from './document-item.ts';
import { isConditionalCheckFailed } from './dynamo-errors.ts';
import type { DynamoItem } from './dynamo-page.ts';

/** Where the guards live and when an abandoned one may be taken over. */
export interface ShaGuardsOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  clock: Clock;
  /** Age after which a guard whose document is missing counts as abandoned. */
  staleAfterMs: number;
}

const duplicate = (): DocentError =>
  new DocentError('conflict', 'The owner already has a document with the same content', {
    details: { reason: 'duplicate_sha256' },
  });

/**
 * Per-owner uniqueness of sha256, the way `UNIQUE(owner_id, sha256)` does it in SQLite: a guard item
 * (`userId`, `SHA#<sha256>`) naming the document that holds those bytes, written with a condition before
 * the document itself. TransactWriteItems would write both atomically, but doubles the write cost and
 * the local test backend (dynalite) lacks it; a query for the sha256 before writing would let two
 * concurrent uploads both pass. The price of two plain writes is that a crash between them leaves a
 * guard without its document: such a guard is taken over once older than `staleAfterMs` (younger, it
 * may belong to a create still in flight, so it still refuses).
 */
export class ShaGuards {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #clock: Clock;
  readonly #staleAfterMs: number;

  constructor(options: ShaGuardsOptions) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#clock = options.clock;
    this.#staleAfterMs = options.staleAfterMs;
  }

  /** Reserves the document's sha256 for it; `conflict` when another live document of the owner holds it. */
  async claim(ownerId: string, sha256: string, documentId: string): Promise<void> {
    const item = { userId: ownerId, documentId: guardKey(sha256), holder: documentId, claimedAt: this.#now() };
    // A second round only when the guard vanished between our write and our read (a concurrent delete).
    for (let round = 0; round < 2; round++) {
      try {
        await this.#client.send(
          new PutCommand({
            TableName: this.#tableName,
            Item: item,
            ConditionExpression: 'attribute_not_exists(userId)',
          }),
        );
        return;
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
      const current = await this.#read(ownerId, sha256);
      if (current === undefined) continue;
      if (!(await this.#abandoned(current, sha256))) throw duplicate();
      try {
        await this.#client.send(
          new PutCommand({
            TableName: this.#tableName,
            Item: item,
            ConditionExpression: 'holder = :holder AND claimedAt = :claimedAt',
            ExpressionAttributeValues: { ':holder': current.holder, ':claimedAt': current.claimedAt },
          }),
        );
        return;
      } catch (error) {
        if (isConditionalCheckFailed(error)) throw duplicate();
        throw error;
      }
    }
    throw duplicate();
  }

  /** The id of the owner's document that holds `sha256`, per its guard (the document may be gone). */
  async holder(ownerId: string, sha256: string): Promise<string | null> {
    const guard = await this.#read(ownerId, sha256);
    return typeof guard?.holder === 'string' ? guard.holder : null;
  }

  /** Frees `sha256` if `documentId` holds it; a guard of another document is left alone. */
  async release(ownerId: string, sha256: string, documentId: string): Promise<void> {
    try {
      await this.#client.send(
        new DeleteCommand({
          TableName: this.#tableName,
          Key: { userId: ownerId, documentId: guardKey(sha256) },
          ConditionExpression: 'holder = :holder',
          ExpressionAttributeValues: { ':holder': documentId },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  async #read(ownerId: string, sha256: string): Promise<DynamoItem | undefined> {
    const output = await this.#client.send(
      new GetCommand({
        TableName: this.#tableName,
        Key: { userId: ownerId, documentId: guardKey(sha256) },
        ConsistentRead: true,
      }),
    );
    return output.Item;
  }

  async #abandoned(guard: DynamoItem, sha256: string): Promise<boolean> {
    const claimedMs = Date.parse(String(guard.claimedAt));
    if (this.#clock.now().getTime() - claimedMs < this.#staleAfterMs) return false;
    const output = await this.#client.send(
      new GetCommand({
        TableName: this.#tableName,
        Key: { userId: guard.userId, documentId: guard.holder },
        ProjectionExpression: 'sha256',
        ConsistentRead: true,
      }),
    );
    return output.Item?.sha256 !== sha256;
  }

  #now(): string {
    return this.#clock.now().toISOString();
  }
}
