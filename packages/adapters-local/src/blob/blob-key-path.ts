import path from 'node:path';
import { DocentError } from '@docent/domain';

/**
 * One key segment: letters, digits, `_`, `-` and inner dots. A leading dot is refused, which rules
 * out `.` and `..` and keeps the store's own `.tmp` files out of the key space.
 */
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
const MAX_KEY_LENGTH = 1024;

/**
 * The file for a blob key under `root`. Keys are `/`-separated relative paths; anything that could
 * escape the root or mean something else on disk (absolute paths, `..`, backslashes, empty parts)
 * is refused with `validation_failed`.
 */
export const blobKeyPath = (root: string, key: string): string => {
  const segments = key.split('/');
  if (key.length === 0 || key.length > MAX_KEY_LENGTH || !segments.every((segment) => SEGMENT.test(segment))) {
    throw new DocentError('validation_failed', 'The blob key is not a safe relative path', { details: { key } });
  }
  return path.join(root, ...segments);
};
