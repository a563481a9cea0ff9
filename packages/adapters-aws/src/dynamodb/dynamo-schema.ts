/**
 * The DynamoDB tables of the AWS design as plain data: the adapters query these names, the test and
 * local-dev helper `createDynamoTables` creates tables from them, and the CDK stack maps them onto
 * `aws-cdk-lib` constructs. One definition, so the three cannot drift apart.
 */

/** A key attribute: its name and DynamoDB scalar type. Every key here is a string. */
export interface DynamoKeyAttribute {
  readonly name: string;
  readonly type: 'S';
}

/** A global secondary index: its keys and which attributes it copies (`ALL` or only the keys). */
export interface DynamoIndexDefinition {
  readonly indexName: string;
  readonly partitionKey: DynamoKeyAttribute;
  readonly sortKey: DynamoKeyAttribute;
  readonly projection: 'ALL' | 'KEYS_ONLY';
}

/** A table's primary key and global secondary indexes. All tables are on-demand (PAY_PER_REQUEST). */
export interface DynamoTableDefinition {
  readonly partitionKey: DynamoKeyAttribute;
  readonly sortKey: DynamoKeyAttribute;
  readonly globalSecondaryIndexes: readonly DynamoIndexDefinition[];
}

/** The physical names of Docent's tables in one deployment. */
export interface DynamoTableNames {
  documents: string;
  queryHistory: string;
}

/** Table names for local development; deployed stacks pass their own names to the Lambdas. */
export const DEFAULT_DYNAMO_TABLE_NAMES: Readonly<DynamoTableNames> = {
  documents: 'docent-documents',
  queryHistory: 'docent-query-history',
};

/** Index names of the Documents table. */
export const DOCUMENT_INDEXES = {
  /** An owner's documents by `uploadedAtId`: the newest-first listing and the count. */
  byUploadDate: 'UserUploadDateIndex',
  /**
   * Every owner's documents by status, oldest first: for operations (documents stuck `processing`), not the
   * port. One partition per status value, which suits occasional operator queries, not per-request reads.
   */
  byStatus: 'StatusIndex',
  /**
   * Documents `uploaded` or `processing` (`inFlightStatus`, present only then: a sparse index) by last
   * change (`changedAtId`), oldest first: the stuck-document sweeper's `listStale`. It holds only the
   * documents in flight, so its partitions stay small however many documents are ready.
   */
  inFlight: 'InFlightIndex',
} as const;

/** Index names of the QueryHistory table. */
export const QUERY_HISTORY_INDEXES = {
  /** One owner's conversation by `askedAtId`. */
  byConversation: 'ConversationIndex',
} as const;

const userId: DynamoKeyAttribute = { name: 'userId', type: 'S' };
const uploadedAtId: DynamoKeyAttribute = { name: 'uploadedAtId', type: 'S' };
const askedAtId: DynamoKeyAttribute = { name: 'askedAtId', type: 'S' };

/**
 * Documents: one item per document under (`userId`, `documentId`), plus one dedupe guard item per
 * (owner, sha256) under (`userId`, `SHA#<sha256>`). `uploadedAtId` is `<ISO-8601 UTC>#<documentId>`, so
 * the upload-date index sorts by time with the id as tie-break; guard items lack it, `status` and
 * `inFlightStatus`, so no index holds them (sparse indexes). `changedAtId` (`<ISO-8601 UTC>#<documentId>`)
 * is rewritten by every create and update.
 */
export const DOCUMENTS_TABLE_KEYS: DynamoTableDefinition = {
  partitionKey: userId,
  sortKey: { name: 'documentId', type: 'S' },
  globalSecondaryIndexes: [
    { indexName: DOCUMENT_INDEXES.byUploadDate, partitionKey: userId, sortKey: uploadedAtId, projection: 'ALL' },
    // Keys only: operators need which document and since when, and the index costs a write per status change.
    {
      indexName: DOCUMENT_INDEXES.byStatus,
      partitionKey: { name: 'status', type: 'S' },
      sortKey: uploadedAtId,
      projection: 'KEYS_ONLY',
    },
    // All attributes: the sweeper reads whole records, and the index holds only the few documents in flight.
    {
      indexName: DOCUMENT_INDEXES.inFlight,
      partitionKey: { name: 'inFlightStatus', type: 'S' },
      sortKey: { name: 'changedAtId', type: 'S' },
      projection: 'ALL',
    },
  ],
};

/**
 * QueryHistory: one item per asked question under (`userId`, `askedAtId` = `<ISO-8601 UTC>#<entryId>`).
 * Entries of a conversation also carry `userConversationId` = `<userId, '%' and '#' escaped>#<conversationId>`,
 * the hash key of the sparse conversation index.
 */
export const QUERY_HISTORY_TABLE_KEYS: DynamoTableDefinition = {
  partitionKey: userId,
  sortKey: askedAtId,
  globalSecondaryIndexes: [
    {
      indexName: QUERY_HISTORY_INDEXES.byConversation,
      partitionKey: { name: 'userConversationId', type: 'S' },
      sortKey: askedAtId,
      projection: 'ALL',
    },
  ],
};

/**
 * LoginAttempts: one item per throttled key (`attemptKey`, a hashed account or client address) with
 * `failures`, `lastFailureMs` and `expiresMs`; DynamoDB's time to live deletes an item some time after
 * `expiresAt` (epoch seconds), and the adapter ignores an expired item that is still there.
 */
export const LOGIN_ATTEMPTS_TABLE = {
  partitionKey: { name: 'attemptKey', type: 'S' } as DynamoKeyAttribute,
  timeToLiveAttribute: 'expiresAt',
} as const;

/**
 * Jobs: one item per job key (`key`: the job's idempotency key, content hash + pipeline version) with
 * the job's id, its `state` (`queued`, `running`, `done`, `dead`), a running job's `leaseUntilMs` and
 * `expiresMs`; DynamoDB's time to live deletes an item some time after `expiresAt` (epoch seconds),
 * and the SQS job queue treats an expired item as absent. Standard SQS queues do not deduplicate, so
 * this table makes enqueueing idempotent and a redelivered message run once.
 */
export const JOBS_TABLE = {
  partitionKey: { name: 'key', type: 'S' } as DynamoKeyAttribute,
  timeToLiveAttribute: 'expiresAt',
} as const;

/**
 * Lexical: the DynamoDB keyword index (`DynamoLexicalIndex`), one table of string keys `pk` and `sk`
 * holding posting lists, counters and chunk records (their layout in `lexical/lexical-keys.ts`). No
 * secondary index: every read is by key or by partition.
 */
export const LEXICAL_TABLE_KEYS: DynamoTableDefinition = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalSecondaryIndexes: [],
};
