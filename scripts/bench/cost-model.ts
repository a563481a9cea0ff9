/**
 * What Docent would cost on AWS, from counts measured by the bench (tokens, requests, pages, server
 * time) times list prices (`aws-prices.ts`). Pure arithmetic, so it is unit-tested; every line
 * of a breakdown is USD for 1,000 questions or 1,000 pages.
 */
import type { AwsAssumptions, AwsPrices } from './aws-prices.ts';

/** Counts measured over the questions the bench asked. */
export interface QuestionCounts {
  questions: number;
  /** Model requests (answers, and question rewrites if any). */
  llmCalls: number;
  /** Prompt tokens over every model request, counted with Claude's tokenizer. */
  inputTokens: number;
  /** Completion tokens over every model request. */
  outputTokens: number;
  /** Tokens of the questions, each embedded once (Titan). */
  queryEmbeddingTokens: number;
  /** DynamoDB write units of the history items (1 per started KiB of each item). */
  historyWriteUnits: number;
  /** Server time spent on the questions locally (retrieval and reading), seconds. */
  serverSeconds: number;
}

/** Counts measured over the documents the bench ingested. */
export interface IngestCounts {
  documents: number;
  /** PDF pages, plus `charsPerPage`-character pages of documents without pages. */
  pages: number;
  /** Texts embedded (one Titan request each). */
  embeddedTexts: number;
  embeddingTokens: number;
  /** Processing time outside embedding (extraction, chunking, indexing), seconds. */
  processingSeconds: number;
}

/** USD per line, and their sum. */
export interface CostBreakdown {
  totalUsd: number;
  lines: Record<string, number>;
}

const perMillion = (count: number, price: number) => (count * price) / 1e6;

const breakdown = (lines: Record<string, number>, units: number): CostBreakdown => {
  const scaled = Object.fromEntries(Object.entries(lines).map(([name, usd]) => [name, (usd / units) * 1000]));
  return { totalUsd: Object.values(scaled).reduce((a, b) => a + b, 0), lines: scaled };
};

/** USD for 1,000 questions like the measured ones: Bedrock, Lambda, API Gateway, DynamoDB. */
export const costPerThousandQuestions = (
  counts: QuestionCounts,
  prices: AwsPrices,
  assume: AwsAssumptions,
): CostBreakdown => {
  const n = counts.questions;
  // The query function waits for retrieval, then for the model: first token, then every token.
  const querySeconds =
    counts.serverSeconds +
    counts.llmCalls * assume.modelFirstTokenSeconds +
    counts.outputTokens / assume.modelOutputTokensPerSecond;
  const gbSeconds = querySeconds * assume.queryLambdaGb + n * assume.authorizerSeconds * assume.authorizerLambdaGb;
  return breakdown(
    {
      bedrockClaude3Haiku:
        perMillion(counts.inputTokens, prices.claude3HaikuInputPerMillionTokens) +
        perMillion(counts.outputTokens, prices.claude3HaikuOutputPerMillionTokens),
      bedrockTitanQueryEmbedding: perMillion(counts.queryEmbeddingTokens, prices.titanEmbedV2PerMillionTokens),
      apiGateway: perMillion(n, prices.apiGatewayRestPerMillionRequests),
      lambdaRequests: perMillion(2 * n, prices.lambdaPerMillionRequests),
      lambdaCompute: gbSeconds * prices.lambdaArmPerGbSecond,
      dynamoDb:
        perMillion(counts.historyWriteUnits, prices.dynamoDbPerMillionWriteUnits) +
        perMillion(n * assume.documentListReadUnitsPerQuestion, prices.dynamoDbPerMillionReadUnits),
    },
    n,
  );
};

/** USD for ingesting 1,000 pages like the measured documents: upload, processing, embedding. */
export const costPerThousandPages = (
  counts: IngestCounts,
  prices: AwsPrices,
  assume: AwsAssumptions,
): CostBreakdown => {
  const d = counts.documents;
  const processingSeconds =
    counts.processingSeconds + (counts.embeddedTexts * assume.titanCallSeconds) / assume.titanConcurrency;
  return breakdown(
    {
      bedrockTitanEmbedding: perMillion(counts.embeddingTokens, prices.titanEmbedV2PerMillionTokens),
      apiGatewayUpload: perMillion(d, prices.apiGatewayRestPerMillionRequests),
      // Upload (documents function), its authorizer call, and the S3-triggered processing run.
      lambdaRequests: perMillion(3 * d, prices.lambdaPerMillionRequests),
      lambdaCompute: processingSeconds * assume.processingLambdaGb * prices.lambdaArmPerGbSecond,
      s3: (d * prices.s3PutPerThousand) / 1000 + (d * prices.s3GetPerThousand) / 1000,
      dynamoDb: perMillion(d * assume.documentItemWritesPerDocument, prices.dynamoDbPerMillionWriteUnits),
    },
    counts.pages,
  );
};

/** The OpenSearch Serverless capacity floor, billed every hour whatever the traffic: USD per month. */
export const openSearchFloorPerMonth = (prices: AwsPrices, assume: AwsAssumptions) => ({
  dev: assume.openSearchFloorOcuDev * prices.openSearchServerlessPerOcuHour * assume.hoursPerMonth,
  prod: assume.openSearchFloorOcuProd * prices.openSearchServerlessPerOcuHour * assume.hoursPerMonth,
});
