import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { Client } from '@opensearch-project/opensearch';
import { AwsSigv4Signer } from '@opensearch-project/opensearch/aws';

/** AWS credentials as the signer needs them; `expiration` makes it fetch new ones in time. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** Where the collection is and how to sign for it. */
export interface OpenSearchClientOptions {
  /** The collection endpoint, e.g. `https://abc123.eu-west-1.aoss.amazonaws.com`. */
  node: string;
  /** The collection's region: part of every signature. */
  region: string;
  /** Yields credentials for each signature; defaults to the SDK's chain (Lambda role, env, profile). */
  credentials?: () => Promise<AwsCredentials>;
  /**
   * Times the client resends a request after a connection failure or a 502/503/504 (default 1). Our
   * own code never retries whole requests, so a failed write is never applied twice by us.
   */
  maxRetries?: number;
  /** Per-request timeout in ms (default 10 s). */
  requestTimeoutMs?: number;
}

/**
 * An OpenSearch client that signs every request with SigV4 for service `aoss` (OpenSearch Serverless),
 * the body hash included in `x-amz-content-sha256` as AOSS requires.
 */
export const createOpenSearchClient = (options: OpenSearchClientOptions): Client =>
  new Client({
    ...AwsSigv4Signer({
      region: options.region,
      service: 'aoss',
      getCredentials: options.credentials ?? defaultProvider(),
    }),
    node: options.node,
    maxRetries: options.maxRetries ?? 1,
    requestTimeout: options.requestTimeoutMs ?? 10_000,
  });
