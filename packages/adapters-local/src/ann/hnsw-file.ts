import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { crc32 } from 'node:zlib';
import { fsyncPathSync } from '../blob/fsync-path.ts';
import { ownerFileNames, ownerFilePrefix } from './owner-file-prefix.ts';

const SLICE = 16 * 2 ** 20;

/** CRC-32 of a file, read in 16 MiB slices (a graph file can be hundreds of MiB). */
const fileCrc = (file: string): string => {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(SLICE);
    let crc = 0;
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer))
      crc = crc32(buffer.subarray(0, read), crc);
    return hex(crc);
  } finally {
    closeSync(fd);
  }
};

/**
 * Reads an open file from its start in 16 MiB slices, one per turn (a 1 GiB file is ~64 short
 * turns), handing each to `visit`, until the end; `stopped()` is asked before every read.
 */
const eachSlice = async (
  handle: FileHandle,
  visit: (bytes: Buffer) => void,
  stopped: () => boolean = () => false,
): Promise<void> => {
  const buffer = Buffer.allocUnsafe(SLICE);
  while (!stopped()) {
    const { bytesRead } = await handle.read(buffer);
    if (bytesRead === 0) return;
    visit(buffer.subarray(0, bytesRead));
    await nextTurn();
  }
};

/** `fileCrc` without blocking the event loop. */
const fileCrcAsync = async (file: string): Promise<string> => {
  const handle = await open(file, 'r');
  try {
    let crc = 0;
    await eachSlice(handle, (bytes) => {
      crc = crc32(bytes, crc);
    });
    return hex(crc);
  } finally {
    await handle.close();
  }
};

/**
 * Reads `files` through the OS page cache, one slice per turn, until `stopped()` says so: what the
 * CRC check at open used to do as a side effect, without a question waiting for it.
 */
export const readAhead = async (files: readonly string[], stopped: () => boolean): Promise<void> => {
  for (const file of files) {
    const handle = await open(file, 'r').catch(() => null);
    if (handle === null) continue;
    try {
      await eachSlice(handle, () => {}, stopped);
    } finally {
      await handle.close();
    }
  }
};

const hex = (crc: number): string => crc.toString(16).padStart(8, '0');

/** Beside a segment file, the stat of the file when its CRC last matched. */
const VERIFIED = '.verified';

/**
 * What changes whenever a file's content is written: size, modification and change times (the
 * change time cannot be set back by `touch`) and inode (a file replaced by a copy is a new one).
 */
const fingerprint = (file: string): string => {
  const { size, mtimeNs, ctimeNs, ino } = statSync(file, { bigint: true });
  return `${size} ${mtimeNs} ${ctimeNs} ${ino}`;
};

/** Records that `file`'s content matched its CRC as it is now. */
const markVerified = (file: string): void => writeFileSync(`${file}${VERIFIED}`, fingerprint(file));

/**
 * Whether `file` is unchanged since its CRC last matched, so opening it need not read it all (at a
 * million chunks the graph is ~4.7 GiB: the first question after a restart waited for that read).
 */
const stillVerified = (file: string): boolean => {
  try {
    return readFileSync(`${file}${VERIFIED}`, 'utf8') === fingerprint(file);
  } catch {
    return false;
  }
};

/** One saved segment of an owner's graph: the entry ids in (`from`, `to`] it accounts for. */
export interface SavedSegment {
  file: string;
  from: number;
  to: number;
}

/**
 * Where one owner's HNSW graph lives in the index folder: a chain of segment files, each holding
 * the entry ids in a range (`from`, `to`], the first from 0 and each next from its predecessor's
 * `to`. A file name carries everything that must match for the file to be reused: the owner
 * (hashed, since ids may hold any character), the graph's shape (width, quantisation,
 * connectivity), its id range and its CRC-32. A rename publishes name and content in one atomic
 * step, so no crash can leave a file that claims rows it lacks; the CRC catches a file damaged
 * afterwards, which usearch would not reject (loading a corrupt file hangs it). The whole file is
 * read for its CRC only when it changed since its CRC last matched (a `.verified` record of its
 * stat beside it), so a restart maps a large graph without reading it.
 */
export class HnswFile {
  readonly #directory: string;
  readonly #prefix: string;
  readonly #shape: string;

  constructor(directory: string, ownerId: string, shape: string) {
    this.#directory = directory;
    this.#prefix = ownerFilePrefix(ownerId);
    this.#shape = shape;
  }

  /**
   * The saved segments that chain from id 0, each verified against its CRC (read without blocking
   * the event loop) unless unchanged since it last matched. The chain ends before a missing or
   * damaged segment; it is empty when its last segment claims ids above `highestId` (the database is
   * older than the files, e.g. restored from a backup). Every other file of the owner (other shapes, superseded ranges, temporaries, the rest
   * of a broken chain) is deleted.
   */
  async chain(highestId: number): Promise<SavedSegment[]> {
    const byStart = new Map<number, SavedSegment>();
    // Only files seen now are deleted afterwards: a file published meanwhile is not this call's to judge.
    const names = this.#names();
    for (const name of names) {
      const segment = this.#parse(name);
      const known = segment === null ? undefined : byStart.get(segment.from);
      if (segment !== null && (known === undefined || segment.to > known.to)) byStart.set(segment.from, segment);
    }
    let chain: SavedSegment[] = [];
    for (let next = byStart.get(0); next !== undefined && next.to > next.from; next = byStart.get(next.to)) {
      const crc = /\.([0-9a-f]{8})\.usearch$/.exec(next.file)?.[1];
      if (!stillVerified(next.file)) {
        if ((await fileCrcAsync(next.file)) !== crc) break;
        markVerified(next.file);
      }
      chain.push(next);
    }
    if ((chain.at(-1)?.to ?? 0) > highestId) chain = [];
    this.#keepOnly(
      chain.map((segment) => segment.file),
      names,
    );
    return chain;
  }

  /**
   * Writes the segment (`from`, `to`] through `save` to a temporary file, fsyncs it, renames it into
   * place and deletes the copies of that segment with a shorter range. Answers the file's path.
   */
  publish(from: number, to: number, save: (file: string) => void): string {
    mkdirSync(this.#directory, { recursive: true });
    const temporary = path.join(this.#directory, `${this.#prefix}.tmp-${process.pid}`);
    save(temporary);
    fsyncPathSync(temporary);
    const file = path.join(
      this.#directory,
      `${this.#prefix}.${this.#shape}.${from}-${to}.${fileCrc(temporary)}.usearch`,
    );
    renameSync(temporary, file);
    markVerified(file);
    for (const name of this.#names()) {
      const segment = this.#parse(name);
      if (segment?.from === from && segment.to < to) {
        rmSync(segment.file, { force: true });
        rmSync(`${segment.file}${VERIFIED}`, { force: true });
      }
    }
    return file;
  }

  /** Deletes every file of this owner (a corrupt or outdated graph is rebuilt from SQLite). */
  discard(): void {
    this.#keepOnly([], this.#names());
  }

  /** Deletes the owner's files among `names` but `files` (and their verification records). */
  #keepOnly(files: readonly string[], names: readonly string[]): void {
    const kept = new Set(files.flatMap((file) => [file, `${file}${VERIFIED}`]));
    for (const name of names) {
      const file = path.join(this.#directory, name);
      if (!kept.has(file)) rmSync(file, { force: true });
    }
  }

  /** A segment file of this shape; a file of the first version (`<shape>.<to>.<crc>`) starts at 0. */
  #parse(name: string): SavedSegment | null {
    const match = /^[0-9a-f]+\.(.+?)\.(?:(\d+)-)?(\d+)\.[0-9a-f]{8}\.usearch$/.exec(name);
    if (match?.[1] !== this.#shape) return null;
    return { file: path.join(this.#directory, name), from: Number(match[2] ?? 0), to: Number(match[3]) };
  }

  #names(): string[] {
    return ownerFileNames(this.#directory, this.#prefix);
  }
}
