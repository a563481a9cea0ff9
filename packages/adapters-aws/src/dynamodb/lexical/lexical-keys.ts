import { createHash } from 'node:crypto';

/**
 * Keys of the lexical table (partition key `pk`, sort key `sk`, both strings). Every partition
 * key starts with the owner id, URI-encoded so that it holds no `#`: whatever follows the owner's
 * first `#` is then ours, and no owner id or term can make two keys collide.
 *
 * - postings of a term: pk `<owner>#t#<term>`, sk `c#<chunkId>` (one item per chunk holding it);
 *   the term's chunk count sits in the same partition under sk `df`, so counter updates spread over
 *   the terms' partitions instead of heating one item per owner
 * - a chunk's record: pk `<owner>#c#<chunkId>`, sk `0`, `1`, ... (parts of its term list)
 * - a document's chunks: pk `<owner>#d#<documentId>`, sk `<chunkId>`
 * - the owner's totals (chunk count, total length): pk `<owner>#s`, sk `s`
 */
export const POSTING_PREFIX = 'c#';
export const COUNTER_SK = 'df';
export const STATS_SK = 's';

/**
 * Longest term (UTF-8 bytes) used as written in a key; DynamoDB allows 2,048 bytes of partition key.
 * A longer one (a hex dump, a long URL) is keyed by its SHA-256, which no analysed term can equal:
 * terms hold only letters, digits and `-_.:/`.
 */
const MAX_TERM_BYTES = 512;

const owner = (ownerId: string): string => encodeURIComponent(ownerId);

/** The term as it appears in keys and chunk records. */
export const termKey = (term: string): string =>
  Buffer.byteLength(term) <= MAX_TERM_BYTES ? term : `#${createHash('sha256').update(term).digest('hex')}`;

/** Partition of a term's postings and counter (`term` already through `termKey`). */
export const termPk = (ownerId: string, term: string): string => `${owner(ownerId)}#t#${term}`;

/** Partition of a chunk's record. */
export const chunkPk = (ownerId: string, chunkId: string): string => `${owner(ownerId)}#c#${chunkId}`;

/** Partition listing a document's chunks. */
export const documentPk = (ownerId: string, documentId: string): string => `${owner(ownerId)}#d#${documentId}`;

/** The owner's totals item. */
export const statsKey = (ownerId: string): { pk: string; sk: string } => ({ pk: `${owner(ownerId)}#s`, sk: STATS_SK });

/** The key of a term's chunk counter. */
export const counterKey = (ownerId: string, term: string): { pk: string; sk: string } => ({
  pk: termPk(ownerId, term),
  sk: COUNTER_SK,
});

/** The key of a chunk's posting of a term. */
export const postingKey = (ownerId: string, term: string, chunkId: string): { pk: string; sk: string } => ({
  pk: termPk(ownerId, term),
  sk: `${POSTING_PREFIX}${chunkId}`,
});
