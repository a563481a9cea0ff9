import { BedrockRuntimeClient, type BedrockRuntimeClientConfig } from '@aws-sdk/client-bedrock-runtime';
import { DocentError } from '@docent/domain';

/** Where a Bedrock adapter's own client connects, when it is not given one. */
export interface BedrockConnection {
  /** AWS region of the built client (default: the SDK's resolution, e.g. `AWS_REGION`). */
  region?: string;
  /** Endpoint override of the built client, e.g. a VPC endpoint or a local test server. */
  endpoint?: string;
  /** Credentials of the built client (default: the SDK's provider chain). */
  credentials?: BedrockRuntimeClientConfig['credentials'];
}

/** The client options every Bedrock adapter takes: a client to reuse, or where to connect its own. */
export interface BedrockClientOptions extends BedrockConnection {
  /**
   * A client to reuse. Its own retry policy applies to every attempt of ours, so give it `maxAttempts: 1`
   * to keep `maxRetries` exact. When absent, one is built from `region`, `endpoint` and `credentials`.
   */
  client?: BedrockRuntimeClient;
}

/**
 * A Bedrock runtime client that makes one attempt per call: the adapters retry themselves, with one
 * backoff policy for HTTP errors, timeouts and exceptions inside a stream.
 */
export const buildBedrockClient = (connection: BedrockConnection): BedrockRuntimeClient =>
  new BedrockRuntimeClient({
    ...(connection.region === undefined ? {} : { region: connection.region }),
    ...(connection.endpoint === undefined ? {} : { endpoint: connection.endpoint }),
    ...(connection.credentials === undefined ? {} : { credentials: connection.credentials }),
    maxAttempts: 1,
  });

/** Throws DocentError `validation_failed` naming the option. */
export const invalidOption = (field: string, message: string): never => {
  throw new DocentError('validation_failed', message, { details: { field } });
};

/** `value` when it is a safe integer of at least `minimum`; else `validation_failed` naming the option. */
export const integerOption = (name: string, value: number, minimum: number): number => {
  if (!Number.isSafeInteger(value) || value < minimum) {
    invalidOption(name, `${name} must be an integer of at least ${minimum}, got ${value}`);
  }
  return value;
};
