import { S3VectorsClient } from '@aws-sdk/client-s3vectors';
import { createOpenSearchClient, OpenSearchLexicalIndex, OpenSearchVectorIndex } from '@docent/adapters-aws';
import { S3VectorsVectorIndex } from '@docent/adapters-aws/s3vectors';
import type { LexicalIndex, VectorIndex } from '@docent/domain';
import { AwsConfigError } from './aws-config.ts';
import type { SearchBackends } from './search-backends.ts';

/** What building the search ports needs besides the backends. */
export interface SearchPortOptions {
  region: string;
  /** Length of the embedder's vectors. */
  dimensions: number;
}

/**
 * The LexicalIndex and VectorIndex of the chosen backends. One OpenSearch client serves both indexes
 * when both live in the collection; the budget stage creates none.
 */
export const searchPorts = (
  backends: SearchBackends,
  { region, dimensions }: SearchPortOptions,
): { LexicalIndex: LexicalIndex; VectorIndex: VectorIndex } => {
  const openSearchClients = new Map<string, ReturnType<typeof createOpenSearchClient>>();
  const openSearch = (endpoint: string) => {
    const client = openSearchClients.get(endpoint) ?? createOpenSearchClient({ node: endpoint, region });
    openSearchClients.set(endpoint, client);
    return client;
  };
  const { vector, lexical } = backends;
  const VectorIndex =
    vector.kind === 'opensearch'
      ? new OpenSearchVectorIndex({ client: openSearch(vector.endpoint), index: vector.index, dimensions })
      : new S3VectorsVectorIndex({
          client: new S3VectorsClient({ region }),
          vectorBucketName: vector.vectorBucket,
          indexName: vector.vectorIndex,
          dimensions,
        });
  if (lexical.kind === 'dynamodb') {
    // DynamoLexicalIndex comes with the DynamoDB lexical index of issue 16 (another branch); the lead
    // binds it here on merge: new DynamoLexicalIndex({ client: dynamo, tableName: lexical.table }).
    throw new AwsConfigError(['DOCENT_LEXICAL_BACKEND: dynamodb is not wired in this build yet']);
  }
  return {
    LexicalIndex: new OpenSearchLexicalIndex({ client: openSearch(lexical.endpoint), index: lexical.index }),
    VectorIndex,
  };
};
