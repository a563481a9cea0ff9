import {
  type DynamoIndexDefinition,
  type DynamoKeyAttribute,
  LOGIN_ATTEMPTS_TABLE,
} from '@docent/adapters-aws/dynamodb-schema';

// The adapters own the Documents and QueryHistory layouts; importing them means the stack and the code that
// queries the tables cannot disagree on a key or an index name. The file is plain data (no SDK import).
export {
  DOCUMENT_INDEXES,
  DOCUMENTS_TABLE_KEYS,
  LOGIN_ATTEMPTS_TABLE,
  QUERY_HISTORY_INDEXES,
  QUERY_HISTORY_TABLE_KEYS,
} from '@docent/adapters-aws/dynamodb-schema';

/** A table's keys as the stack needs them; the Users and LoginAttempts tables have no sort key. */
export interface TableLayout {
  readonly partitionKey: DynamoKeyAttribute;
  readonly sortKey?: DynamoKeyAttribute;
  /** The attribute (epoch seconds) after which DynamoDB deletes an item, when the table expires items. */
  readonly timeToLiveAttribute?: string;
  readonly globalSecondaryIndexes: readonly (Omit<DynamoIndexDefinition, 'sortKey'> & {
    readonly sortKey?: DynamoKeyAttribute;
  })[];
}

/** Index names of the Users table. */
export const USER_INDEXES = { byEmail: 'EmailIndex' } as const;

/**
 * Users: one item per user under `userId`, found at sign-in by `email` through {@link USER_INDEXES}.
 * Not (yet) in the adapters' schema: the AWS design keeps credentials in Cognito, this table holds
 * Docent's own profile of each user.
 */
export const USERS_TABLE_KEYS: TableLayout = {
  partitionKey: { name: 'userId', type: 'S' },
  globalSecondaryIndexes: [
    { indexName: USER_INDEXES.byEmail, partitionKey: { name: 'email', type: 'S' }, projection: 'ALL' },
  ],
};

/**
 * Jobs: the job queue's idempotency records, one per job key (content hash + pipeline version, see
 * `processJobKey`), deleted by DynamoDB's time to live after `expiresAt` (epoch seconds). Written by
 * the SQS JobQueue adapter; the queue holds the messages.
 */
export const JOBS_TABLE_KEYS: TableLayout = {
  partitionKey: { name: 'key', type: 'S' },
  timeToLiveAttribute: 'expiresAt',
  globalSecondaryIndexes: [],
};

/** LoginAttempts: failed sign-in counters by hashed key, expired by DynamoDB's time to live. */
export const LOGIN_ATTEMPTS_TABLE_KEYS: TableLayout = {
  partitionKey: LOGIN_ATTEMPTS_TABLE.partitionKey,
  timeToLiveAttribute: LOGIN_ATTEMPTS_TABLE.timeToLiveAttribute,
  globalSecondaryIndexes: [],
};
