import { describe, expect, it } from 'vitest';
import { AWS_ASSUMPTIONS, AWS_PRICES, type AwsAssumptions, type AwsPrices } from './aws-prices.ts';
import {
  costPerThousandPages,
  costPerThousandQuestions,
  type IngestCounts,
  openSearchFloorPerMonth,
  type QuestionCounts,
} from './cost-model.ts';

// Round prices and assumptions, so each expected figure below can be worked out by hand.
const prices: AwsPrices = {
  ...AWS_PRICES,
  claude3HaikuInputPerMillionTokens: 1,
  claude3HaikuOutputPerMillionTokens: 4,
  titanEmbedV2PerMillionTokens: 0.5,
  lambdaPerMillionRequests: 2,
  lambdaArmPerGbSecond: 0.001,
  apiGatewayRestPerMillionRequests: 10,
  dynamoDbPerMillionWriteUnits: 3,
  dynamoDbPerMillionReadUnits: 1,
  s3PutPerThousand: 0.01,
  s3GetPerThousand: 0.002,
  openSearchServerlessPerOcuHour: 0.5,
};
const assume: AwsAssumptions = {
  ...AWS_ASSUMPTIONS,
  queryLambdaGb: 2,
  authorizerLambdaGb: 0.5,
  authorizerSeconds: 0.2,
  processingLambdaGb: 4,
  modelFirstTokenSeconds: 0.5,
  modelOutputTokensPerSecond: 100_000,
  titanCallSeconds: 0.5,
  titanConcurrency: 2,
  documentItemWritesPerDocument: 10,
  documentListReadUnitsPerQuestion: 3,
  hoursPerMonth: 100,
  openSearchFloorOcuDev: 1,
  openSearchFloorOcuProd: 2,
};

const questions: QuestionCounts = {
  questions: 10,
  llmCalls: 10,
  inputTokens: 1_000_000,
  outputTokens: 100_000,
  queryEmbeddingTokens: 200_000,
  historyWriteUnits: 20,
  serverSeconds: 4,
};

const ingest: IngestCounts = {
  documents: 2,
  pages: 100,
  embeddedTexts: 400,
  embeddingTokens: 1_000_000,
  processingSeconds: 50,
};

describe('costPerThousandQuestions', () => {
  const cost = costPerThousandQuestions(questions, prices, assume);

  it('prices measured tokens per million and scales ten questions to a thousand', () => {
    // (1M x 1 + 0.1M x 4) USD / 1M = 1.4 USD for 10 questions.
    expect(cost.lines.bedrockClaude3Haiku).toBeCloseTo(140, 9);
    // 0.2M tokens x 0.5 / 1M = 0.1 USD for 10.
    expect(cost.lines.bedrockTitanQueryEmbedding).toBeCloseTo(10, 9);
  });

  it('counts one API request and two Lambda invocations (query, authorizer) per question', () => {
    expect(cost.lines.apiGateway).toBeCloseTo((1000 * 10) / 1e6, 12);
    expect(cost.lines.lambdaRequests).toBeCloseTo((2000 * 2) / 1e6, 12);
  });

  it('bills the query function for retrieval plus the model wait, and the authorizer', () => {
    // Query: 4 s + 10 x 0.5 s + 100k / 100k tok/s = 10 s at 2 GB = 20 GB-s; authorizer 10 x 0.2 s x 0.5 GB = 1 GB-s.
    expect(cost.lines.lambdaCompute).toBeCloseTo(((21 * 0.001) / 10) * 1000, 9);
  });

  it('adds history writes and document-list reads to DynamoDB, and sums the lines', () => {
    // 20 WRU x 3 / 1M + 10 x 3 RRU x 1 / 1M, for 10 questions.
    expect(cost.lines.dynamoDb).toBeCloseTo(((20 * 3 + 30 * 1) / 1e6 / 10) * 1000, 12);
    const sum = Object.values(cost.lines).reduce((a, b) => a + b, 0);
    expect(cost.totalUsd).toBeCloseTo(sum, 12);
  });

  it('gives the same figure per 1,000 when every count doubles', () => {
    const doubled = Object.fromEntries(
      Object.entries(questions).map(([k, v]) => [k, v * 2]),
    ) as unknown as QuestionCounts;
    expect(costPerThousandQuestions(doubled, prices, assume).totalUsd).toBeCloseTo(cost.totalUsd, 9);
  });
});

describe('costPerThousandPages', () => {
  const cost = costPerThousandPages(ingest, prices, assume);

  it('prices embedding tokens and scales 100 pages to a thousand', () => {
    // 1M tokens x 0.5 / 1M = 0.5 USD for 100 pages.
    expect(cost.lines.bedrockTitanEmbedding).toBeCloseTo(5, 9);
  });

  it('bills processing for its measured time plus the Titan calls, at the processing memory', () => {
    // 50 s + 400 calls x 0.5 s / 2 at once = 150 s x 4 GB x 0.001 = 0.6 USD for 100 pages.
    expect(cost.lines.lambdaCompute).toBeCloseTo(6, 9);
  });

  it('counts per document: one upload request, three invocations, one S3 PUT and GET, the item writes', () => {
    expect(cost.lines.apiGatewayUpload).toBeCloseTo(((2 * 10) / 1e6) * 10, 12);
    expect(cost.lines.lambdaRequests).toBeCloseTo(((6 * 2) / 1e6) * 10, 12);
    expect(cost.lines.s3).toBeCloseTo(((2 * 0.01 + 2 * 0.002) / 1000) * 10, 12);
    expect(cost.lines.dynamoDb).toBeCloseTo(((20 * 3) / 1e6) * 10, 12);
  });
});

describe('openSearchFloorPerMonth', () => {
  it('is the OCU floor times the hourly price times the hours of a month', () => {
    expect(openSearchFloorPerMonth(prices, assume)).toEqual({ dev: 50, prod: 100 });
    // With the real table: about 175 USD a month for dev, as docs/deploy-aws.md says.
    expect(openSearchFloorPerMonth(AWS_PRICES, AWS_ASSUMPTIONS).dev).toBeCloseTo(175.2, 6);
  });
});
