import { z } from 'zod';

// S3 vector bucket names: 3-63 lower-case letters, digits and hyphens, starting and ending alphanumeric.
const VECTOR_BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/**
 * The settings that choose and name the search backends. OpenSearch Serverless serves both indexes by
 * default (the seed's design); the budget stage puts vectors in S3 Vectors and lexical entries in DynamoDB
 * (docs/adr/0022-budget-search-stage.md). Each backend's resources are required only when it is chosen.
 */
export const SEARCH_SETTINGS = {
  DOCENT_VECTOR_BACKEND: z.enum(['opensearch', 's3vectors']).default('opensearch'),
  DOCENT_LEXICAL_BACKEND: z.enum(['opensearch', 'dynamodb']).default('opensearch'),
  DOCENT_OPENSEARCH_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  DOCENT_OPENSEARCH_INDEX: z.string().min(1).default('docent-chunks'),
  DOCENT_VECTOR_BUCKET: z.string().regex(VECTOR_BUCKET_NAME, 'an S3 vector bucket name').optional(),
  DOCENT_VECTOR_INDEX: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 Vectors index name')
    .optional(),
  DOCENT_LEXICAL_TABLE: z.string().min(3).optional(),
};

type SearchSettings = z.infer<z.ZodObject<typeof SEARCH_SETTINGS>>;

/** The OpenSearch Serverless collection and its chunk index. */
export interface OpenSearchTarget {
  kind: 'opensearch';
  endpoint: string;
  index: string;
}

/** Where the vectors live. */
export type VectorBackend = OpenSearchTarget | { kind: 's3vectors'; vectorBucket: string; vectorIndex: string };

/** Where the lexical (BM25) entries live. */
export type LexicalBackend = OpenSearchTarget | { kind: 'dynamodb'; table: string };

/** The two search backends. */
export interface SearchBackends {
  vector: VectorBackend;
  lexical: LexicalBackend;
}

/**
 * The backends the settings choose, or `undefined` after pushing one problem per missing resource
 * (`DOCENT_OPENSEARCH_ENDPOINT` when either index is on OpenSearch, the vector bucket and index for
 * `s3vectors`, the table for `dynamodb`).
 */
export const searchBackendsOf = (settings: SearchSettings, problems: string[]): SearchBackends | undefined => {
  const missing: string[] = [];
  const need = (key: keyof SearchSettings, value: string | undefined, because: string): string => {
    if (value === undefined) missing.push(`${key}: required when ${because}`);
    return value ?? '';
  };
  const openSearch = (): OpenSearchTarget => ({
    kind: 'opensearch',
    endpoint: need('DOCENT_OPENSEARCH_ENDPOINT', settings.DOCENT_OPENSEARCH_ENDPOINT, 'a backend is opensearch'),
    index: settings.DOCENT_OPENSEARCH_INDEX,
  });
  const vector: VectorBackend =
    settings.DOCENT_VECTOR_BACKEND === 'opensearch'
      ? openSearch()
      : {
          kind: 's3vectors',
          vectorBucket: need('DOCENT_VECTOR_BUCKET', settings.DOCENT_VECTOR_BUCKET, 'DOCENT_VECTOR_BACKEND=s3vectors'),
          vectorIndex: need('DOCENT_VECTOR_INDEX', settings.DOCENT_VECTOR_INDEX, 'DOCENT_VECTOR_BACKEND=s3vectors'),
        };
  const lexical: LexicalBackend =
    settings.DOCENT_LEXICAL_BACKEND === 'opensearch'
      ? openSearch()
      : {
          kind: 'dynamodb',
          table: need('DOCENT_LEXICAL_TABLE', settings.DOCENT_LEXICAL_TABLE, 'DOCENT_LEXICAL_BACKEND=dynamodb'),
        };
  // Both backends on OpenSearch would name the one missing endpoint twice.
  problems.push(...new Set(missing));
  return missing.length > 0 ? undefined : { vector, lexical };
};
