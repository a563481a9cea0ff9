import { DocentError } from '@docent/domain';
import { unzipSync } from 'fflate';

/** The largest inflated size accepted for one archive member; a guard against zip bombs. */
const MAX_MEMBER_BYTES = 256 * 1024 * 1024;

/** True when the bytes start with a ZIP local file header (or are an empty archive). */
export const isZip = (bytes: Uint8Array): boolean =>
  bytes.length >= 4 &&
  bytes[0] === 0x50 &&
  bytes[1] === 0x4b &&
  ((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06));

/** The member names from the archive's central directory, or null when the archive cannot be read. */
export const zipMemberNames = (bytes: Uint8Array): string[] | null => {
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (file) => {
        names.push(file.name);
        return false;
      },
    });
    return names;
  } catch {
    return null;
  }
};

/**
 * Inflates the named members that exist (missing ones are simply absent from the result). Throws
 * `extraction_failed` for a damaged archive or a member that would inflate beyond the size guard.
 */
export const readZipMembers = (bytes: Uint8Array, wanted: readonly string[]): Map<string, Uint8Array> => {
  const wantedNames = new Set(wanted);
  try {
    const members = unzipSync(bytes, {
      filter: (file) => {
        if (!wantedNames.has(file.name)) return false;
        if (file.originalSize > MAX_MEMBER_BYTES) throw new Error(`${file.name} inflates beyond the size limit`);
        return true;
      },
    });
    return new Map(Object.entries(members));
  } catch (error) {
    throw new DocentError('extraction_failed', 'The file is not a readable ZIP archive.', { cause: error });
  }
};
