import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DocentError } from '@docent/domain';

/** Size and SHA-256 of a file's bytes. */
export interface FileDigest {
  bytes: number;
  sha256: string;
}

const digesting = (digest: { bytes: number; hash: ReturnType<typeof createHash> }) =>
  async function* (chunks: AsyncIterable<Buffer>) {
    for await (const chunk of chunks) {
      digest.hash.update(chunk);
      digest.bytes += chunk.byteLength;
      yield chunk;
    }
  };

/**
 * Copies `from` to the new file `to` (its folder created), fsynced before it is closed, and
 * digests the bytes on the way: one read of the source, memory bounded by the stream's buffer.
 */
export const copyWithDigest = async (from: string, to: string): Promise<FileDigest> => {
  await mkdir(path.dirname(to), { recursive: true });
  const digest = { bytes: 0, hash: createHash('sha256') };
  await pipeline(createReadStream(from), digesting(digest), createWriteStream(to, { flags: 'wx', flush: true }));
  return { bytes: digest.bytes, sha256: digest.hash.digest('hex') };
};

/** Size and SHA-256 of a file, read as a stream. */
export const digestFile = async (file: string): Promise<FileDigest> => {
  const digest = { bytes: 0, hash: createHash('sha256') };
  await pipeline(createReadStream(file), digesting(digest), async (chunks) => {
    for await (const _ of chunks);
  });
  return { bytes: digest.bytes, sha256: digest.hash.digest('hex') };
};

/**
 * Makes sure `dir` exists and holds nothing but `allowed` names; `directory_not_empty` otherwise,
 * so neither a backup nor a restore ever mixes its files with someone else's.
 */
export const requireEmptyDirectory = async (dir: string, allowed: readonly string[] = []): Promise<void> => {
  await mkdir(dir, { recursive: true });
  const others = (await readdir(dir)).filter((name) => !allowed.includes(name));
  if (others.length > 0) {
    throw new DocentError('directory_not_empty', `${dir} is not empty (it holds ${others.slice(0, 3).join(', ')})`, {
      details: { directory: dir },
    });
  }
};

/** True when the error says the file does not exist. */
export const isMissingFile = (error: unknown): boolean => (error as NodeJS.ErrnoException)?.code === 'ENOENT';
