/**
 * The metadata keys of every vector. `owner` and `document` are filterable (searches and deletes filter
 * on them); `chunk` must be declared non-filterable when the index is created (infra does): it is only
 * read back, and non-filterable metadata is neither counted against the 2 KB filterable limit nor
 * scanned (and billed) by queries.
 */
export const VECTOR_METADATA = { owner: 'ownerId', document: 'documentId', chunk: 'chunkId' } as const;

/** The metadata keys the index must declare non-filterable. */
export const NON_FILTERABLE_METADATA_KEYS: readonly string[] = [VECTOR_METADATA.chunk];

/** One document of one owner. */
export interface DocumentScope {
  ownerId: string;
  documentId: string;
}

/** An S3 Vectors metadata filter (`$eq`, `$in` and `$and` are the operators used). */
export type MetadataFilter = { [key: string]: FilterValue };
type FilterValue = string | FilterValue[] | MetadataFilter;

/** The owner's vectors, and only those of `documentIds` when given (non-empty). */
export const scopeFilter = (scope: {
  ownerId: string;
  documentIds?: readonly string[] | undefined;
}): MetadataFilter => {
  const owner = { [VECTOR_METADATA.owner]: { $eq: scope.ownerId } };
  if (scope.documentIds === undefined) return owner;
  return { $and: [owner, { [VECTOR_METADATA.document]: { $in: [...scope.documentIds] } }] };
};

/** The vectors of one owner's document. */
export const documentFilter = (scope: DocumentScope): MetadataFilter => ({
  $and: [
    { [VECTOR_METADATA.owner]: { $eq: scope.ownerId } },
    { [VECTOR_METADATA.document]: { $eq: scope.documentId } },
  ],
});
