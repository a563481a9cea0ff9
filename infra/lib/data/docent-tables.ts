import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { resourceName, type Stage } from '../stage-config.ts';
import {
  DOCUMENTS_TABLE_KEYS,
  JOBS_TABLE_KEYS,
  LOGIN_ATTEMPTS_TABLE_KEYS,
  QUERY_HISTORY_TABLE_KEYS,
  type TableLayout,
  USERS_TABLE_KEYS,
} from './table-definitions.ts';

/** The DynamoDB tables, each with the index names the grants need. */
export interface DocentTable {
  /** The table construct. */
  table: Table;
  /** Its global secondary indexes, whose ARNs `Query` grants name. */
  indexNames: string[];
}

/**
 * Users, Documents, QueryHistory, LoginAttempts and Jobs: on demand (no idle cost), point-in-time recovery, encrypted with
 * the AWS-managed key so the encryption shows in the template. Prod tables survive a stack deletion.
 */
export class DocentTables extends Construct {
  /** `docent-{stage}-users`. */
  readonly users: DocentTable;
  /** `docent-{stage}-documents`. */
  readonly documents: DocentTable;
  /** `docent-{stage}-query-history`. */
  readonly queryHistory: DocentTable;
  /** `docent-{stage}-login-attempts`: sign-in throttling shared by every Lambda instance. */
  readonly loginAttempts: DocentTable;
  /** `docent-{stage}-jobs`: the job queue's idempotency records, expired by TTL. */
  readonly jobs: DocentTable;

  /** Creates the five tables for `stage`. */
  constructor(scope: Construct, id: string, stage: Stage) {
    super(scope, id);
    this.users = this.#table('Users', resourceName(stage, 'users'), USERS_TABLE_KEYS, stage);
    this.documents = this.#table('Documents', resourceName(stage, 'documents'), DOCUMENTS_TABLE_KEYS, stage);
    this.queryHistory = this.#table(
      'QueryHistory',
      resourceName(stage, 'query-history'),
      QUERY_HISTORY_TABLE_KEYS,
      stage,
    );
    this.loginAttempts = this.#table(
      'LoginAttempts',
      resourceName(stage, 'login-attempts'),
      LOGIN_ATTEMPTS_TABLE_KEYS,
      stage,
    );
    this.jobs = this.#table('Jobs', resourceName(stage, 'jobs'), JOBS_TABLE_KEYS, stage);
  }

  #table(id: string, tableName: string, layout: TableLayout, stage: Stage): DocentTable {
    const prod = stage === 'prod';
    const table = new Table(this, id, {
      tableName,
      partitionKey: { name: layout.partitionKey.name, type: AttributeType.STRING },
      ...(layout.sortKey && { sortKey: { name: layout.sortKey.name, type: AttributeType.STRING } }),
      billingMode: BillingMode.PAY_PER_REQUEST,
      ...(layout.timeToLiveAttribute && { timeToLiveAttribute: layout.timeToLiveAttribute }),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      deletionProtection: prod,
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const index of layout.globalSecondaryIndexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey.name, type: AttributeType.STRING },
        ...(index.sortKey && { sortKey: { name: index.sortKey.name, type: AttributeType.STRING } }),
        projectionType: index.projection === 'ALL' ? ProjectionType.ALL : ProjectionType.KEYS_ONLY,
      });
    }
    return { table, indexNames: layout.globalSecondaryIndexes.map((index) => index.indexName) };
  }
}
