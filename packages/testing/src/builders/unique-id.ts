let counter = 0;

/**
 * A fresh id for test data: a prefix, a process-wide counter and random letters, so suites
 * running against one shared database never collide. ASCII only, so every backend sorts it alike.
 */
export const uniqueId = (prefix: string): string => {
  counter += 1;
  const random = Array.from(crypto.getRandomValues(new Uint8Array(4)), (byte) => (byte % 36).toString(36)).join('');
  return `${prefix}-${counter.toString().padStart(6, '0')}-${random}`;
};

/** A random 64-character hex string shaped like a SHA-256 digest. */
export const randomSha256 = (): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(32)), (byte) => byte.toString(16).padStart(2, '0')).join('');

/** An ISO-8601 timestamp `seconds` after 2024-01-01T00:00:00Z, for ordering tests. */
export const isoAt = (seconds: number): string => new Date(Date.UTC(2024, 0, 1) + seconds * 1000).toISOString();
