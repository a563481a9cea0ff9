import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3VectorsClient } from '@aws-sdk/client-s3vectors';
import { createOpenSearchClient, OpenSearchLexicalIndex, OpenSearchVectorIndex } from '@docent/adapters-aws';
import { DynamoLexicalIndex } from '@docent/adapters-aws/dynamodb';
import { S3VectorsVectorIndex } from '@docent/adapters-aws/s3vectors';
import type { LexicalIndex, VectorIndex } from '@docent/domain';
import type { SearchBackends } from './search-backends.ts';

/** What building the search ports needs besides the backends. */
export interface SearchPortOptions {
  region: string;
  /** Length of the embedder's vectors. */
  dimensions: number;
  /** The container's DynamoDB client, and an OpenSearch client to use instead of one per endpoint (tests). */
  clients: { dynamo: DynamoDBClient; openSearch?: ReturnType<typeof createOpenSearchClient> };
}

/**
 * The LexicalIndex and VectorIndex of the chosen backends. One OpenSearch client serves both indexes
 * when both live in the collection; the budget stage creates none.
 */
export const searchPorts = (
  backends: SearchBackends,
  { region, dimensions, clients }: SearchPortOptions,
): { LexicalIndex: LexicalIndex; VectorIndex: VectorIndex } => {
  const openSearchClients = new Map<string, ReturnType<typeof createOpenSearchClient>>();
  const openSearch = (endpoint: string) => {
    const client =
      clients.openSearch ?? openSearchClients.get(endpoint) ?? createOpenSearchClient({ node: endpoint, region });
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
  const LexicalIndex =
    lexical.kind === 'dynamodb'
      ? new DynamoLexicalIndex({ client: clients.dynamo, tableName: lexical.table })
      : new OpenSearchLexicalIndex({ client: openSearch(lexical.endpoint), index: lexical.index });
  return { LexicalIndex, VectorIndex };
};
