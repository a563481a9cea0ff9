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
 * GetVectors (S3 Vectors API reference, QueryVectors "Permissions"). Processing writes a document's vectors
 * and purges them when it fails or starts again; deleting a document finds its vectors and deletes them;
 * answering only queries.
 */
export const VECTOR_ACCESS: Partial<Record<FunctionName, readonly string[]>> = {
  processing: ['s3vectors:PutVectors', 's3vectors:QueryVectors', 's3vectors:GetVectors', 's3vectors:DeleteVectors'],
  documents: ['s3vectors:QueryVectors', 's3vectors:GetVectors', 's3vectors:DeleteVectors'],
  query: ['s3vectors:QueryVectors', 's3vectors:GetVectors'],
  stream: ['s3vectors:QueryVectors', 's3vectors:GetVectors'],
};

/**
 * DynamoDB actions on the lexical table per function, by the same roles: processing writes and replaces
 * a document's postings, deleting a document removes them, answering reads them. The DynamoDB
 * LexicalIndex (issue 16) keys items by `pk` and `sk`; align this list with the calls it makes.
 */
export const LEXICAL_ACCESS: Partial<Record<FunctionName, readonly string[]>> = {
  processing: [
    'dynamodb:GetItem',
    'dynamodb:Query',
    'dynamodb:BatchWriteItem',
    'dynamodb:PutItem',
    'dynamodb:DeleteItem',
  ],
  documents: ['dynamodb:Query', 'dynamodb:BatchWriteItem', 'dynamodb:DeleteItem'],
  query: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  stream: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
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
