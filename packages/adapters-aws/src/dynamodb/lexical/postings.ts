import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FieldFrequencies } from '@docent/domain';
import type { BatchWrite } from '../dynamo-batch-write.ts';
import { type DynamoItem, queryUpTo } from '../dynamo-page.ts';
import { POSTING_PREFIX, postingKey, termPk } from './lexical-keys.ts';

/** One chunk holding a term: what scoring needs, so a search reads nothing but posting lists. */
export interface Posting {
  chunkId: string;
  documentId: string;
  /** The chunk's term count over all fields. */
  length: number;
  counts: FieldFrequencies;
}

/**
 * The posting item of a chunk for a term: the document id and chunk length ride along (a few bytes
 * each) so scoring needs no read per chunk; zero field counts are left out.
 */
export const postingWrite = (ownerId: string, term: string, posting: Posting): BatchWrite => ({
  put: {
    ...postingKey(ownerId, term, posting.chunkId),
    d: posting.documentId,
    l: posting.length,
    ...(posting.counts.body > 0 && { b: posting.counts.body }),
    ...(posting.counts.heading > 0 && { h: posting.counts.heading }),
    ...(posting.counts.title > 0 && { n: posting.counts.title }),
  },
});

/** The delete of a chunk's posting of a term. */
export const postingDelete = (ownerId: string, term: string, chunkId: string): BatchWrite => ({
  delete: postingKey(ownerId, term, chunkId),
});

const toPosting = (item: DynamoItem): Posting => ({
  chunkId: String(item.sk).slice(POSTING_PREFIX.length),
  documentId: String(item.d),
  length: Number(item.l),
  counts: { body: Number(item.b ?? 0), heading: Number(item.h ?? 0), title: Number(item.n ?? 0) },
});

/** How a posting list is read. */
export interface PostingReadOptions {
  consistentRead: boolean;
  /** Items per Query request; undefined lets DynamoDB fill its 1 MB pages. */
  pageSize?: number;
}

/** A term's whole posting list among the owner's chunks, page after page (`LastEvaluatedKey`). */
export const readPostings = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  ownerId: string,
  term: string,
  options: PostingReadOptions,
): Promise<Posting[]> => {
  const items = await queryUpTo(
    client,
    {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :posting)',
      ExpressionAttributeValues: { ':pk': termPk(ownerId, term), ':posting': POSTING_PREFIX },
      ConsistentRead: options.consistentRead,
      Limit: options.pageSize,
    },
    Number.POSITIVE_INFINITY,
  );
  return items.map(toPosting);
};
