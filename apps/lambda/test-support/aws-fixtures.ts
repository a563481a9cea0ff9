import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from 'aws-lambda';

// Test-only: the recorded AWS payloads beside the checkout (read in place, never copied), and a
// Lambda context as the runtime passes one.

const FIXTURES = path.resolve(import.meta.dirname, '../../../../shared/fixtures/aws');

/** A parsed fixture of /work/shared/fixtures/aws, e.g. `s3-objectcreated-put.json`. */
export const readAwsFixture = async <T = any>(name: string): Promise<T> =>
  JSON.parse(await readFile(path.join(FIXTURES, name), 'utf8')) as T;

/** A Lambda invocation context with the given request id. */
export const lambdaContext = (awsRequestId: string, functionName = 'docent-test-fn'): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
  memoryLimitInMB: '1024',
  awsRequestId,
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: '2025/01/01/[$LATEST]abcdef',
  getRemainingTimeInMillis: () => 60_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});
