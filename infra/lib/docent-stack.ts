import { Annotations, CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { addAnswerStreamUrl } from './api/answer-stream-url.ts';
import { DocentApi } from './api/docent-api.ts';
import { DocentUserPool } from './auth/docent-user-pool.ts';
import { DocentFunctions } from './compute/docent-functions.ts';
import { grantLeastPrivilege } from './compute/grants.ts';
import { connectJobQueue } from './compute/queue-wiring.ts';
import { SweeperSchedule } from './compute/sweeper-schedule.ts';
import { DocentTables } from './data/docent-tables.ts';
import { FunctionAlarms } from './monitoring/function-alarms.ts';
import { MonthlyBudget } from './monitoring/monthly-budget.ts';
import { QueueAlarms } from './monitoring/queue-alarms.ts';
import { DocentJobQueue } from './queue/job-queue.ts';
import { BudgetSearch } from './search/budget-search.ts';
import { VectorCollection } from './search/vector-collection.ts';
import { resourceName, type StageConfig } from './stage-config.ts';
import { DocumentBucket } from './storage/document-bucket.ts';

/** The stack's settings: the validated context. */
export interface DocentStackProps extends StackProps {
  /** What `readStageConfig` read from context. */
  config: StageConfig;
}

/**
 * Docent on AWS for one stage: API Gateway → Lambda (auth, documents, query; a TOKEN authorizer), a
 * response-streaming Function URL → the stream Lambda (answers as server-sent events),
 * S3 uploads under `documents/` → the processing Lambda, which enqueues → SQS → the worker Lambda
 * (a DLQ behind it; a scheduled sweeper re-queues stuck documents), DynamoDB, OpenSearch Serverless
 * (or, with `searchBackend: budget`, S3 Vectors and a DynamoDB lexical table), Bedrock, Cognito,
 * alarms and a budget.
 */
export class DocentStack extends Stack {
  /** Creates every resource of the stage. */
  constructor(scope: Construct, id: string, props: DocentStackProps) {
    super(scope, id, props);
    const { config } = props;
    Tags.of(this).add('app', 'docent');
    Tags.of(this).add('stage', config.stage);

    const tables = new DocentTables(this, 'Tables', config.stage);
    const storage = new DocumentBucket(this, 'Documents', config);
    const auth = new DocentUserPool(this, 'Auth', config);
    const functions = new DocentFunctions(this, 'Functions', config);
    const fns = functions.byName;
    const jobs = new DocentJobQueue(this, 'Jobs', config.stage);
    const search = this.#search(config, functions);

    // The names apps/lambda/src/aws-config.ts reads; it rejects unknown DOCENT_* names and, with AWS storage,
    // requires every resource named, whichever handler or route the function runs. Names grant nothing:
    // each role's permissions stay its own (grants.ts).
    functions.addEnvironment({
      DOCENT_USERS_TABLE: tables.users.table.tableName,
      DOCENT_LOGIN_ATTEMPTS_TABLE: tables.loginAttempts.table.tableName,
      DOCENT_DOCUMENTS_TABLE: tables.documents.table.tableName,
      DOCENT_HISTORY_TABLE: tables.queryHistory.table.tableName,
      DOCENT_BUCKET: storage.bucket.bucketName,
      ...search.environment,
      DOCENT_USER_POOL_ID: auth.userPool.userPoolId,
      DOCENT_USER_POOL_CLIENT_ID: auth.client.userPoolClientId,
      DOCENT_LLM_MODEL: config.answerModelId,
      DOCENT_JOBS_QUEUE_URL: jobs.queue.queueUrl,
      DOCENT_JOBS_DLQ_URL: jobs.deadLetterQueue.queueUrl,
      DOCENT_JOBS_TABLE: tables.jobs.table.tableName,
    });
    grantLeastPrivilege(fns, {
      tables,
      bucket: storage.bucket,
      collectionArn: search.collectionArn,
      userPoolArn: auth.userPool.userPoolArn,
      answerModelId: config.answerModelId,
    });
    connectJobQueue(fns, jobs);
    storage.notifyOnUpload(fns.processing);
    new SweeperSchedule(this, 'Sweeper', config.stage, fns.sweeper);
    const api = new DocentApi(this, 'Api', config, fns);
    const streamUrl = addAnswerStreamUrl(fns.stream, config.webOrigin);

    let topic: Topic | undefined;
    if (config.alertEmail === undefined) {
      Annotations.of(this).addWarningV2(
        'docent:no-alert-email',
        'No alertEmail in context: no budget and no alarm notifications. Pass -c alertEmail=you@example.com.',
      );
    } else {
      topic = new Topic(this, 'Alerts', { topicName: resourceName(config.stage, 'alerts') });
      topic.addSubscription(new EmailSubscription(config.alertEmail));
      new MonthlyBudget(this, 'Budget', config.stage, config.budgetUsd, config.alertEmail);
    }
    new FunctionAlarms(this, 'Alarms', config.stage, fns, topic);
    new QueueAlarms(this, 'QueueAlarms', config.stage, jobs, topic);

    new CfnOutput(this, 'ApiUrl', { value: api.api.url });
    new CfnOutput(this, 'StreamUrl', {
      value: streamUrl.url,
      description: 'POST /query/ask with Accept: text/event-stream here for answers streamed as they are written',
    });
    new CfnOutput(this, 'BucketName', { value: storage.bucket.bucketName });
    new CfnOutput(this, 'UserPoolId', { value: auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: auth.client.userPoolClientId });
    new CfnOutput(this, 'HostedUiDomain', { value: auth.domain.baseUrl() });
    new CfnOutput(this, 'JobsDeadLetterQueueUrl', { value: jobs.deadLetterQueue.queueUrl });
    for (const [id, value] of Object.entries(search.outputs)) new CfnOutput(this, id, { value });
  }

  /**
   * The search resources of `config.searchBackend`, the variables naming them and the stack outputs: the
   * OpenSearch Serverless collection (the default), or the budget stage's S3 vector index and DynamoDB
   * table, whose grants are made here.
   */
  #search(config: StageConfig, functions: DocentFunctions) {
    if (config.searchBackend === 'budget') {
      const budget = new BudgetSearch(this, 'BudgetSearch', config.stage);
      budget.grant(functions.byName);
      return {
        environment: budget.environment(),
        collectionArn: undefined,
        outputs: { VectorBucketName: budget.vectorBucketName, LexicalTableName: budget.lexicalTable.tableName },
      };
    }
    const vectors = new VectorCollection(this, 'Vectors', config.stage, [
      { role: functions.roles.worker, permissions: 'write' },
      { role: functions.roles.processing, permissions: 'delete' },
      { role: functions.roles.documents, permissions: 'delete' },
      { role: functions.roles.sweeper, permissions: 'delete' },
      { role: functions.roles.query, permissions: 'read' },
      { role: functions.roles.stream, permissions: 'read' },
    ]);
    const endpoint = vectors.collection.attrCollectionEndpoint;
    return {
      environment: { DOCENT_OPENSEARCH_ENDPOINT: endpoint },
      collectionArn: vectors.collectionArn,
      outputs: { CollectionEndpoint: endpoint },
    };
  }
}
