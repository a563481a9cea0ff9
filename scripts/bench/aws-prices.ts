/**
 * AWS list prices the bench's cost model multiplies measured counts by: us-east-1, on-demand, no
 * free tier. **They are list prices as of January 2025**, as published then on the AWS pricing
 * pages named in `sources` (the figures docs/deploy-aws.md quotes), written down here on
 * 2026-12-06 without re-reading those pages (the bench machine has no internet): check them before
 * quoting a figure, and edit this one file when they change.
 */
export const AWS_PRICES = {
  asOf: '2025-01 (recorded 2026-12-06, not re-checked)',
  region: 'us-east-1',
  sources: [
    'Amazon Bedrock pricing (Anthropic Claude 3 Haiku; Amazon Titan Text Embeddings V2)',
    'AWS Lambda pricing (Arm, x86 costs 25% more)',
    'Amazon API Gateway pricing (REST APIs, first 333 million requests)',
    'Amazon DynamoDB pricing for on-demand capacity (after the November 2024 reduction)',
    'Amazon S3 pricing (S3 Standard)',
    'Amazon OpenSearch Service pricing (Serverless OCUs) and "Managing capacity limits for Amazon OpenSearch Serverless"',
  ],
  /** USD per million tokens. */
  claude3HaikuInputPerMillionTokens: 0.25,
  claude3HaikuOutputPerMillionTokens: 1.25,
  titanEmbedV2PerMillionTokens: 0.02,
  lambdaPerMillionRequests: 0.2,
  lambdaArmPerGbSecond: 0.0000133334,
  apiGatewayRestPerMillionRequests: 3.5,
  dynamoDbPerMillionWriteUnits: 0.625,
  dynamoDbPerMillionReadUnits: 0.125,
  s3PutPerThousand: 0.005,
  s3GetPerThousand: 0.0004,
  openSearchServerlessPerOcuHour: 0.24,
} as const;

/**
 * What the cost model cannot measure on this machine, each an assumption stated with its reason.
 * Sizes come from infra/lib/compute/function-specs.ts; the rest are round figures to revisit
 * with CloudWatch numbers from a deployed stage.
 */
export const AWS_ASSUMPTIONS = {
  /** Memory of the query/stream function (function-specs.ts). */
  queryLambdaGb: 1,
  /** Memory of the authorizer, invoked once per API request (no authorizer cache assumed). */
  authorizerLambdaGb: 0.25,
  authorizerSeconds: 0.05,
  /** One eventually consistent Query of the caller's document items (up to 8 KiB) per question. */
  documentListReadUnitsPerQuestion: 1,
  /** Memory of the processing function (function-specs.ts). */
  processingLambdaGb: 1,
  /** Claude 3 Haiku: time to first token, then output speed (the Lambda waits for both). */
  modelFirstTokenSeconds: 0.5,
  modelOutputTokensPerSecond: 120,
  /** One Titan InvokeModel call (one text each); the adapter runs 4 at once. */
  titanCallSeconds: 0.1,
  titanConcurrency: 4,
  /** DynamoDB writes of one document's item while it is processed: create, each stage, ready. */
  documentItemWritesPerDocument: 8,
  /** A page of a document without pages (text, Markdown, HTML, DOCX): about 3,000 characters. */
  charsPerPage: 3_000,
  /** Hours in a month, to turn the OpenSearch Serverless capacity floor into a monthly figure. */
  hoursPerMonth: 730,
  /** OpenSearch Serverless floor: 1 OCU (0.5 indexing + 0.5 search) without standby replicas, 2 with. */
  openSearchFloorOcuDev: 1,
  openSearchFloorOcuProd: 2,
} as const;

/** The price table's shape, so tests can price with round numbers. */
export type AwsPrices = {
  [K in keyof typeof AWS_PRICES]: (typeof AWS_PRICES)[K] extends number ? number : (typeof AWS_PRICES)[K];
};
/** The assumptions' shape. */
export type AwsAssumptions = { [K in keyof typeof AWS_ASSUMPTIONS]: number };
