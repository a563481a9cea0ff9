// One entry per AWS service, also importable alone (`@docent/adapters-aws/bedrock`), so a consumer that
// needs one adapter loads only that service's SDK.
export * from './bedrock/index.ts';
export * from './cloudwatch/index.ts';
export * from './cognito/index.ts';
export * from './dynamodb/index.ts';
export * from './opensearch/index.ts';
export * from './s3/index.ts';
export * from './sqs/index.ts';
