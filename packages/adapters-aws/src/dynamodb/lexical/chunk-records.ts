import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { BatchWrite } from '../dynamo-batch-write.ts';
import { batchGetAll } from '../dynamo-client.ts';
import type { DynamoItem } from '../dynamo-page.ts';
import { chunkPk } from './lexical-keys.ts';

/** What the index keeps about one chunk, so that replacing or deleting it finds all it wrote. */
export interface ChunkRecord {
  documentId: string;
  /** Terms (as keyed) whose postings of this chunk may exist: a superset while a write is under way. */
  terms: string[];
  /** What the owner's counters include of this chunk (its length and terms); null when nothing. */
  counted: { length: number; terms: string[] } | null;
  /** Fingerprint of the entry once fully written; absent while a write is under way. */
  hash?: string;
}

/** A record as stored: `parts` items under the chunk's partition. */
export interface StoredChunkRecord extends ChunkRecord {
  parts: number;
}

/** Names a chunk to read. */
export interface ChunkRef {
  ownerId: string;
  chunkId: string;
}

/** Per part, bytes of term lists plus this much per term (DynamoDB's list and string overhead, rounded up). */
const TERM_OVERHEAD_BYTES = 4;

const partKey = (pk: string, part: number) => ({ pk, sk: String(part) });

/**
 * The items of a record, split so that no item nears DynamoDB's 400 KB limit: the term lists are
 * packed into parts of at most `partBytes`; part 0 also holds the header (document, counted length,
 * fingerprint, part count). `t` lists the terms; `u` the counted terms, only while they differ from `t`
 * (`uc` = how many, in part 0). Followed by deletes of parts a longer earlier record left beyond these.
 */
export const recordWrites = (ref: ChunkRef, record: ChunkRecord, partBytes: number, earlierParts = 0): BatchWrite[] => {
  const pk = chunkPk(ref.ownerId, ref.chunkId);
  const separate = record.counted !== null && record.counted.terms !== record.terms;
  const listed: ['t' | 'u', string][] = [
    ...record.terms.map((term): ['t', string] => ['t', term]),
    ...(separate ? (record.counted?.terms ?? []).map((term): ['u', string] => ['u', term]) : []),
  ];
  const parts: { t: string[]; u: string[] }[] = [{ t: [], u: [] }];
  let bytes = 0;
  for (const [list, term] of listed) {
    const size = Buffer.byteLength(term) + TERM_OVERHEAD_BYTES;
    if (bytes + size > partBytes && bytes > 0) {
      parts.push({ t: [], u: [] });
      bytes = 0;
    }
    bytes += size;
    parts.at(-1)?.[list].push(term);
  }
  const header = {
    doc: record.documentId,
    n: parts.length,
    ...(record.counted !== null && { len: record.counted.length }),
    ...(separate && { uc: record.counted?.terms.length }),
    ...(record.hash !== undefined && { hash: record.hash }),
  };
  const puts = parts.map(
    (part, i): BatchWrite => ({
      put: {
        ...partKey(pk, i),
        ...(i === 0 && header),
        ...(part.t.length > 0 && { t: part.t }),
        ...(part.u.length > 0 && { u: part.u }),
      },
    }),
  );
  const surplus = Array.from({ length: Math.max(0, earlierParts - parts.length) }, (_, i) => ({
    delete: partKey(pk, parts.length + i),
  }));
  return [...puts, ...surplus];
};

/** Deletes of every item of a stored record. */
export const recordDeletes = (ref: ChunkRef, parts: number): BatchWrite[] =>
  Array.from({ length: parts }, (_, i) => ({ delete: partKey(chunkPk(ref.ownerId, ref.chunkId), i) }));

const strings = (value: unknown): string[] => (Array.isArray(value) ? (value as string[]) : []);

const decode = (parts: readonly DynamoItem[]): StoredChunkRecord => {
  const [header] = parts;
  const terms = parts.flatMap((part) => strings(part.t));
  const countedTerms = header?.uc === undefined ? terms : parts.flatMap((part) => strings(part.u));
  return {
    documentId: String(header?.doc),
    terms,
    counted: header?.len === undefined ? null : { length: Number(header.len), terms: countedTerms },
    ...(header?.hash !== undefined && { hash: String(header.hash) }),
    parts: Number(header?.n ?? 1),
  };
};

/**
 * The records of `refs` that exist, by `chunkPk`, read strongly consistent (a replacement must see
 * the last write): part 0 of each in BatchGetItem requests, then the further parts of long ones.
 */
export const readRecords = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  refs: readonly ChunkRef[],
): Promise<Map<string, StoredChunkRecord>> => {
  const pks = [...new Set(refs.map((ref) => chunkPk(ref.ownerId, ref.chunkId)))];
  const heads = await batchGetAll(
    client,
    tableName,
    pks.map((pk) => partKey(pk, 0)),
  );
  const more = heads.flatMap((head) =>
    Array.from({ length: Number(head.n ?? 1) - 1 }, (_, i) => partKey(String(head.pk), i + 1)),
  );
  const rest = more.length === 0 ? [] : await batchGetAll(client, tableName, more);
  const byPk = new Map<string, DynamoItem[]>(heads.map((head) => [String(head.pk), [head]]));
  for (const item of rest) byPk.get(String(item.pk))?.push(item);
  return new Map(
    [...byPk].map(([pk, items]) => [pk, decode(items.sort((a, b) => Number(a.sk) - Number(b.sk)))] as const),
  );
};
