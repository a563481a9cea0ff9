import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnIndex, CfnVectorBucket } from 'aws-cdk-lib/aws-s3vectors';
import { Construct } from 'constructs';
import type { FunctionName } from '../compute/function-specs.ts';
import { resourceName, type Stage } from '../stage-config.ts';

/**
 * The vector index's shape. The dimension is the functions' `DOCENT_EMBEDDING_DIMENSIONS` default (Titan
 * v2 at 1,024); `chunkId` is read back but never filtered on, so it is declared non-filterable
 * (packages/adapters-aws/src/s3vectors/vector-metadata.ts; test/budget-search.test.ts checks they agree).
 */
export const VECTOR_INDEX = {
  name: 'chunks',
  dimension: 1024,
  nonFilterableMetadataKeys: ['chunkId'],
} as const;

/**
 * S3 Vectors actions per function. QueryVectors with a metadata filter or returned metadata also needs
 * GetVectors (S3 Vectors API reference, QueryVectors "Permissions"). The worker writes a document's vectors
 * and purges them when it starts again; deleting a document, failing one whose upload fails its checks
 * (processing) and failing a stuck one (sweeper) find its vectors and delete them; answering only queries.
 */
const VECTOR_PURGE = ['s3vectors:QueryVectors', 's3vectors:GetVectors', 's3vectors:DeleteVectors'];
const VECTOR_READ = ['s3vectors:QueryVectors', 's3vectors:GetVectors'];
export const VECTOR_ACCESS: Partial<Record<FunctionName, readonly string[]>> = {
  worker: ['s3vectors:PutVectors', ...VECTOR_PURGE],
  processing: VECTOR_PURGE,
  documents: VECTOR_PURGE,
  sweeper: VECTOR_PURGE,
  query: VECTOR_READ,
  stream: VECTOR_READ,
};

/**
 * DynamoDB actions on the lexical table per function, from the calls DynamoLexicalIndex makes: adding and
 * deleting read counters and chunk records (BatchGetItem), list postings (Query), write and remove them
 * (BatchWriteItem), move counters (UpdateItem) and drop records (DeleteItem); searching reads counters and
 * posting lists only.
 */
const LEXICAL_WRITE = [
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:BatchWriteItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
];
const LEXICAL_READ = ['dynamodb:BatchGetItem', 'dynamodb:Query'];
export const LEXICAL_ACCESS: Partial<Record<FunctionName, readonly string[]>> = {
  worker: LEXICAL_WRITE,
  processing: LEXICAL_WRITE,
  documents: LEXICAL_WRITE,
  sweeper: LEXICAL_WRITE,
  query: LEXICAL_READ,
  stream: LEXICAL_READ,
};

/**
 * The budget stage's search: an S3 vector bucket with one cosine index for chunk vectors, and an
 * on-demand DynamoDB table (`pk`, `sk`) for the lexical index. Neither bills by the hour: idle, they cost
 * their storage only (docs/deploy-aws.md, "What it costs").
 */
export class BudgetSearch extends Construct {
  /** `docent-{stage}-vectors`. */
  readonly vectorBucket: CfnVectorBucket;
  /** Its name (its `Ref` is its ARN). */
  readonly vectorBucketName: string;
  /** The `chunks` index in it. */
  readonly vectorIndex: CfnIndex;
  /** `docent-{stage}-lexical`. */
  readonly lexicalTable: Table;

  /** Creates the vector bucket, its index and the lexical table for `stage`. */
  constructor(scope: Construct, id: string, stage: Stage) {
    super(scope, id);
    const prod = stage === 'prod';
    const removalPolicy = prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.vectorBucketName = resourceName(stage, 'vectors');
    this.vectorBucket = new CfnVectorBucket(this, 'VectorBucket', {
      vectorBucketName: this.vectorBucketName,
      encryptionConfiguration: { sseType: 'AES256' },
    });
    this.vectorBucket.applyRemovalPolicy(removalPolicy);
    this.vectorIndex = new CfnIndex(this, 'VectorIndex', {
      vectorBucketArn: this.vectorBucket.attrVectorBucketArn,
      indexName: VECTOR_INDEX.name,
      dataType: 'float32',
      dimension: VECTOR_INDEX.dimension,
      distanceMetric: 'cosine',
      metadataConfiguration: { nonFilterableMetadataKeys: [...VECTOR_INDEX.nonFilterableMetadataKeys] },
    });
    this.vectorIndex.applyRemovalPolicy(removalPolicy);
    this.lexicalTable = new Table(this, 'LexicalTable', {
      tableName: resourceName(stage, 'lexical'),
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      // Rebuilt by reprocessing the documents, so no point-in-time recovery (it bills per GB-month).
      encryption: TableEncryption.AWS_MANAGED,
      deletionProtection: prod,
      removalPolicy,
    });
  }

  /** What the functions read to reach the two indexes (apps/lambda/src/search-backends.ts). */
  environment(): Record<string, string> {
    return {
      DOCENT_VECTOR_BACKEND: 's3vectors',
      DOCENT_VECTOR_BUCKET: this.vectorBucketName,
      DOCENT_VECTOR_INDEX: VECTOR_INDEX.name,
      DOCENT_LEXICAL_BACKEND: 'dynamodb',
      DOCENT_LEXICAL_TABLE: this.lexicalTable.tableName,
    };
  }

  /** Grants each function only its actions of {@link VECTOR_ACCESS} and {@link LEXICAL_ACCESS}, on this index and table. */
  grant(functions: Record<FunctionName, IFunction>): void {
    for (const [name, fn] of Object.entries(functions) as [FunctionName, IFunction][]) {
      const vectorActions = VECTOR_ACCESS[name];
      if (vectorActions !== undefined) {
        fn.addToRolePolicy(
          new PolicyStatement({ actions: [...vectorActions], resources: [this.vectorIndex.attrIndexArn] }),
        );
      }
      const lexicalActions = LEXICAL_ACCESS[name];
      if (lexicalActions !== undefined) {
        fn.addToRolePolicy(
          new PolicyStatement({ actions: [...lexicalActions], resources: [this.lexicalTable.tableArn] }),
        );
      }
    }
  }
}
