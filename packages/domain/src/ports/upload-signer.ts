/** What a direct upload is signed for. */
export interface UploadSignRequest {
  /** Where the bytes land, chosen by the domain: `documents/{ownerId}/{documentId}`. */
  key: string;
  /** The media type the client must send; the signature covers it. */
  contentType: string;
  /**
   * The largest size accepted. A signed PUT cannot bound the size by itself, so adapters that cannot make
   * the storage enforce it say so, and the processing step rejects larger objects before reading them.
   */
  maxBytes: number;
  /**
   * The exact size the client declared, when it did (at most `maxBytes`). Adapters sign it, so the
   * storage refuses a body of any other length: the only hard size bound a signed PUT can carry.
   */
  contentLength?: number;
  /** How long the URL stays usable, in seconds. */
  expiresInSeconds: number;
}

/** A signed request the client sends itself, straight to the blob storage. */
export interface PresignedUpload {
  url: string;
  method: 'PUT';
  /** Headers the client must send exactly as given: the signature covers them. */
  headers: Record<string, string>;
}

/**
 * Signs uploads that go from the client straight to the blob storage (the API never sees the bytes),
 * used where request bodies are small, e.g. behind API Gateway. Bound only in such deployments.
 */
export interface UploadSigner {
  /**
   * A URL that stores one object under `request.key` until it expires.
   * @throws DocentError `validation_failed` for an empty key or type, or a bad number;
   *   `payload_too_large` when `contentLength` exceeds `maxBytes`.
   */
  presignUpload(request: UploadSignRequest): Promise<PresignedUpload>;
}
