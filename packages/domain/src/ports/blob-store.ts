/** Original uploaded bytes, by key. Keys are chosen by the domain: `documents/{ownerId}/{documentId}`. */
export interface BlobStore {
  /** Stores bytes under a key, replacing any previous value atomically. */
  put(key: string, bytes: Uint8Array, options?: { contentType?: string }): Promise<void>;
  /** The bytes under a key, or null when there are none. */
  get(key: string): Promise<Uint8Array | null>;
  /** Removes a key; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
}
