import { Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { DocentTable } from '../data/docent-tables.ts';
import { BUCKET_PREFIXES } from '../storage/document-bucket.ts';
import type { FunctionName } from './function-specs.ts';

/** The tables by the name the access tables below use. */
export interface DocentTableSet {
  /** Users (Cognito `sub` → profile). */
  users: DocentTable;
  /** Documents and their sha256 guard items. */
  documents: DocentTable;
  /** QueryHistory. */
  queryHistory: DocentTable;
  /** LoginAttempts (sign-in throttling). */
  loginAttempts: DocentTable;
  /** Jobs: the job queue's idempotency records. */
  jobs: DocentTable;
}

/** What the grants point at. */
export interface GrantTargets {
  /** The five tables. */
  tables: DocentTableSet;
  /** The document bucket. */
  bucket: IBucket;
  /** The vector collection's ARN; none on a budget stage (its search grants are its own: search/budget-search.ts). */
  collectionArn: string | undefined;
  /** The Cognito user pool's ARN. */
  userPoolArn: string;
  /** The Bedrock model (or inference profile) that writes answers. */
  answerModelId: string;
}

/**
 * The embedding model: Titan Text Embeddings v2, fixed in the adapter (packages/adapters-aws/src/bedrock,
 * `TITAN_EMBED_TEXT_V2_MODEL_ID`; test/iam.test.ts checks they agree), so not a setting here.
 */
export const EMBEDDING_MODEL_ID = 'amazon.titan-embed-text-v2:0';

type TableAccess = Partial<Record<keyof DocentTableSet, readonly string[]>>;
type ObjectAccess = Partial<Record<keyof typeof BUCKET_PREFIXES, readonly string[]>>;

// Ask (the caller's ready documents, conversation, new entry), history listing. The stream function serves
// the same routes from its Function URL, so it shares these.
const QUERY_TABLE_ACCESS: TableAccess = {
  users: ['GetItem'],
  documents: ['GetItem', 'BatchGetItem', 'Query'],
  queryHistory: ['PutItem', 'Query'],
};
const QUERY_OBJECT_ACCESS: ObjectAccess = { chunks: ['s3:GetObject'], chunkIndex: ['s3:GetObject'] };
// Enqueueing reserves the job's key (a conditional put, a read of the holder when taken) before sending
// the message, and frees it again when the send fails (SqsJobQueue, queue-wiring.ts).
const ENQUEUE: readonly string[] = ['PutItem', 'GetItem', 'DeleteItem'];

/**
 * DynamoDB actions per function and table, from the calls the adapters make for the routes each function
 * serves (packages/adapters-aws/src/dynamodb and cognito). Every API function reads the caller's user row.
 */
export const TABLE_ACCESS: Record<FunctionName, TableAccess> = {
  // Register, profile (document count, usage totals), sign-in throttling (count, read, clear).
  auth: {
    users: ['GetItem', 'PutItem', 'Query'],
    documents: ['Query'],
    queryHistory: ['Query'],
    loginAttempts: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'],
  },
  // Upload (with the sha256 guard item), list, get, retry and reindex (enqueue), delete (history entries
  // quoting it are redacted).
  documents: {
    users: ['GetItem'],
    documents: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query'],
    queryHistory: ['Query', 'UpdateItem'],
    jobs: ENQUEUE,
  },
  query: QUERY_TABLE_ACCESS,
  stream: QUERY_TABLE_ACCESS,
  // Checks a presigned upload's bytes, replaces the declared facts by the verified ones (the sha256 guard
  // items included), fails a document whose bytes fail a check, and enqueues the rest.
  processing: { documents: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'], jobs: ENQUEUE },
  // Runs the job: reads the document, moves its status along, and replaces the record with the verified
  // facts of a presigned upload (the sha256 guard item included); tracks the job's state by key.
  worker: {
    documents: ['GetItem', 'UpdateItem', 'PutItem', 'DeleteItem'],
    jobs: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'],
  },
  // Lists documents stuck in flight (the in-flight index), reads each again, re-queues or fails it.
  sweeper: { documents: ['Query', 'GetItem', 'UpdateItem'], jobs: ENQUEUE },
  authorizer: {},
};

/** S3 object actions per function and key prefix. */
export const OBJECT_ACCESS: Record<FunctionName, ObjectAccess> = {
  auth: {},
  documents: {
    documents: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
    chunks: ['s3:GetObject', 's3:DeleteObject'],
    chunkIndex: ['s3:GetObject', 's3:DeleteObject'],
  },
  query: QUERY_OBJECT_ACCESS,
  stream: QUERY_OBJECT_ACCESS,
  // Reads the uploaded bytes; failing a document purges whatever an earlier run wrote.
  processing: {
    documents: ['s3:GetObject'],
    chunks: ['s3:GetObject', 's3:DeleteObject'],
    chunkIndex: ['s3:GetObject', 's3:DeleteObject'],
  },
  worker: {
    documents: ['s3:GetObject'],
    chunks: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
    chunkIndex: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
  },
  // Checks whether an upload's bytes arrived; failing a document purges its chunks.
  sweeper: {
    documents: ['s3:GetObject'],
    chunks: ['s3:GetObject', 's3:DeleteObject'],
    chunkIndex: ['s3:GetObject', 's3:DeleteObject'],
  },
  authorizer: {},
};

/**
 * Cognito actions of the auth function. The Cognito adapter signs up, signs in, reads and signs out with
 * the public, token-authorised APIs (SignUp, InitiateAuth, GetUser, GlobalSignOut: no IAM involved); only
 * confirming a new account at once needs IAM rights on the pool.
 */
export const COGNITO_ACTIONS = ['cognito-idp:AdminConfirmSignUp', 'cognito-idp:AdminUpdateUserAttributes'];

/** Functions that search or write the collection (processing and the sweeper delete a failed document's entries). */
export const COLLECTION_USERS: readonly FunctionName[] = [
  'documents',
  'query',
  'stream',
  'processing',
  'worker',
  'sweeper',
];

/** Functions that answer questions: they embed the question and invoke the answer model. */
export const ANSWERING_FUNCTIONS: readonly FunctionName[] = ['query', 'stream'];

/**
 * Adds each function's permissions: only the actions it uses, only on the resources it uses. Nothing here
 * grants `*` actions or resources.
 */
export const grantLeastPrivilege = (functions: Record<FunctionName, IFunction>, targets: GrantTargets): void => {
  for (const [name, fn] of Object.entries(functions) as [FunctionName, IFunction][]) {
    for (const [key, actions] of Object.entries(TABLE_ACCESS[name]) as [keyof DocentTableSet, string[]][]) {
      const { table, indexNames } = targets.tables[key];
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: actions.map((action) => `dynamodb:${action}`),
          // Only Query reads an index; the other actions name the table alone.
          resources: [
            table.tableArn,
            ...(actions.includes('Query') ? indexNames.map((index) => `${table.tableArn}/index/${index}`) : []),
          ],
        }),
      );
    }
    const objectAccess = Object.entries(OBJECT_ACCESS[name]) as [keyof typeof BUCKET_PREFIXES, string[]][];
    for (const [prefix, actions] of objectAccess) {
      fn.addToRolePolicy(
        new PolicyStatement({ actions, resources: [targets.bucket.arnForObjects(`${BUCKET_PREFIXES[prefix]}*`)] }),
      );
    }
    if (objectAccess.length > 0) {
      // Without ListBucket, S3 answers a read of a missing key with 403 instead of 404 (NoSuchKey).
      fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [targets.bucket.bucketArn] }));
    }
    if (COLLECTION_USERS.includes(name) && targets.collectionArn !== undefined) {
      // IAM lets the role call the collection at all; the data-access policy says which indexes and operations.
      fn.addToRolePolicy(new PolicyStatement({ actions: ['aoss:APIAccessAll'], resources: [targets.collectionArn] }));
    }
  }
  const stack = Stack.of(functions.query);
  for (const name of ANSWERING_FUNCTIONS) {
    functions[name].addToRolePolicy(
      new PolicyStatement({
        actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
        resources: [...bedrockModelArns(stack, targets.answerModelId), ...bedrockModelArns(stack, EMBEDDING_MODEL_ID)],
      }),
    );
  }
  functions.worker.addToRolePolicy(
    new PolicyStatement({
      actions: ['bedrock:InvokeModel'],
      resources: bedrockModelArns(stack, EMBEDDING_MODEL_ID),
    }),
  );
  functions.auth.addToRolePolicy(new PolicyStatement({ actions: COGNITO_ACTIONS, resources: [targets.userPoolArn] }));
};

// Cross-region inference profile ids start with a geography ("us.", "eu.", "apac.", "global.").
const INFERENCE_PROFILE = /^(us|eu|apac|us-gov|global)\.(.+)$/;

/**
 * The ARNs `bedrock:InvokeModel` must allow for a model id. A foundation model is one ARN in this region;
 * an inference profile needs the profile's ARN plus the model's ARN in each region it may route to, which
 * is why that second ARN has a wildcard region.
 */
export const bedrockModelArns = (stack: Stack, modelId: string): string[] => {
  const profile = INFERENCE_PROFILE.exec(modelId);
  if (profile === null) return [`arn:${stack.partition}:bedrock:${stack.region}::foundation-model/${modelId}`];
  return [
    `arn:${stack.partition}:bedrock:${stack.region}:${stack.account}:inference-profile/${modelId}`,
    `arn:${stack.partition}:bedrock:*::foundation-model/${profile[2]}`,
  ];
};
