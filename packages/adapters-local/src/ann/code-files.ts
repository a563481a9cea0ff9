import {
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { crc32 } from 'node:zlib';
import { fsyncPathSync } from '../blob/fsync-path.ts';
import { ownerFileNames, ownerFilePrefix } from './owner-file-prefix.ts';

/** What a save publishes: how many records of the files count, and the ids they account for. */
export interface CodeManifest {
  count: number;
  watermark: number;
  /** CRC-32 of the ids file's and the codes file's first `count` records. */
  idsCrc: number;
  codesCrc: number;
}

/** Bytes of one record in each file. */
export interface RecordSizes {
  ids: number;
  codes: number;
  vectors: number;
}

/** Where `load` puts the saved ids and codes: a view of `count` records' bytes for each. */
export interface LoadTarget {
  ids(count: number): Uint8Array;
  codes(count: number): Uint8Array;
}

type Part = keyof RecordSizes;
const PARTS: readonly Part[] = ['ids', 'codes', 'vectors'];
const SLICE = 16 * 2 ** 20;

/**
 * Where one owner's binary codes live in the index folder: three files of fixed-size records in
 * the same order (entry ids, codes, full vectors) and a manifest naming how many records count.
 * Ids and codes are read whole at open, straight into the memory that holds them; vectors are read
 * a few at a time to rescore. Records are appended as they come; a save syncs the files, then
 * publishes the manifest by rename, so after a crash the files hold at least what the manifest
 * claims (a longer, torn tail is cut off at open). The manifest's CRCs of ids and codes catch a
 * file damaged afterwards. Names carry the owner (hashed) and the shape.
 */
export class CodeFiles {
  readonly #directory: string;
  readonly #prefix: string;
  readonly #sizes: RecordSizes;
  readonly #paths: Record<Part, string>;
  readonly #manifest: string;
  #fds: Record<Part, number> = { ids: -1, codes: -1, vectors: -1 };
  #count = 0;
  #crc = { ids: 0, codes: 0 };

  constructor(directory: string, ownerId: string, shape: string, sizes: RecordSizes) {
    this.#directory = directory;
    this.#prefix = ownerFilePrefix(ownerId);
    this.#sizes = sizes;
    const base = path.join(directory, `${this.#prefix}.${shape}`);
    this.#paths = { ids: `${base}.ids`, codes: `${base}.codes`, vectors: `${base}.vectors` };
    this.#manifest = `${base}.json`;
  }

  /** The full vectors' file (read ahead into the page cache after a restart). */
  get vectors(): string {
    return this.#paths.vectors;
  }

  /**
   * Reads the saved ids and codes into `into`'s views, a slice per event-loop turn, and answers the
   * manifest; null, with the files emptied, when none is usable: missing, shorter than claimed, a
   * CRC not matching, or claiming ids above `highestId`. Deletes the owner's other files (another
   * shape's, an HNSW graph's).
   */
  async load(highestId: number, into: LoadTarget): Promise<CodeManifest | null> {
    mkdirSync(this.#directory, { recursive: true });
    const mine = new Set([...Object.values(this.#paths), this.#manifest].map((file) => path.basename(file)));
    for (const name of ownerFileNames(this.#directory, this.#prefix)) {
      if (!mine.has(name)) rmSync(path.join(this.#directory, name), { force: true });
    }
    for (const part of PARTS) {
      // Not append mode: Linux writes an O_APPEND file at its end whatever position a write names.
      this.#fds[part] = openSync(this.#paths[part], constants.O_RDWR | constants.O_CREAT);
    }
    const manifest = this.#readManifest();
    const usable =
      manifest !== null &&
      manifest.watermark <= highestId &&
      PARTS.every((part) => fstatSync(this.#fds[part]).size >= manifest.count * this.#sizes[part]) &&
      (await this.#read('ids', into.ids(manifest.count))) === manifest.idsCrc &&
      (await this.#read('codes', into.codes(manifest.count))) === manifest.codesCrc;
    if (!usable) {
      rmSync(this.#manifest, { force: true });
      this.#truncate(0);
      this.#crc = { ids: 0, codes: 0 };
      return null;
    }
    this.#truncate(manifest.count);
    this.#crc = { ids: manifest.idsCrc, codes: manifest.codesCrc };
    return manifest;
  }

  /** Appends records (the same number of whole ones to each file). */
  append(records: Record<Part, Uint8Array>): void {
    for (const part of PARTS) {
      const bytes = records[part];
      writeSync(this.#fds[part], bytes, 0, bytes.length, this.#count * this.#sizes[part]);
    }
    this.#count += records.ids.length / this.#sizes.ids;
    this.#crc = { ids: crc32(records.ids, this.#crc.ids), codes: crc32(records.codes, this.#crc.codes) };
  }

  /** Syncs the records, then publishes a manifest counting all of them with this watermark. */
  publish(watermark: number): void {
    for (const part of PARTS) fsyncSync(this.#fds[part]);
    const manifest: CodeManifest = { count: this.#count, watermark, idsCrc: this.#crc.ids, codesCrc: this.#crc.codes };
    const temporary = `${this.#manifest}.tmp`;
    writeFileSync(temporary, JSON.stringify(manifest));
    fsyncPathSync(temporary);
    renameSync(temporary, this.#manifest);
    fsyncPathSync(this.#directory);
  }

  /** Reads the vector records at these positions into `into`, one after another. */
  readVectors(positions: ArrayLike<number>, into: Uint8Array): void {
    const size = this.#sizes.vectors;
    for (let i = 0; i < positions.length; i++) {
      readSync(this.#fds.vectors, into, i * size, size, (positions[i] as number) * size);
    }
  }

  /** Closes the files. */
  close(): void {
    for (const part of PARTS) if (this.#fds[part] >= 0) closeSync(this.#fds[part]);
    this.#fds = { ids: -1, codes: -1, vectors: -1 };
  }

  #readManifest(): CodeManifest | null {
    try {
      const { count, watermark, idsCrc, codesCrc } = JSON.parse(
        readFileSync(this.#manifest, 'utf8'),
      ) as Partial<CodeManifest>;
      const values = [count, watermark, idsCrc, codesCrc];
      if (!values.every((value) => Number.isSafeInteger(value) && (value as number) >= 0)) return null;
      return { count, watermark, idsCrc, codesCrc } as CodeManifest;
    } catch {
      return null;
    }
  }

  /** Reads the start of a file into `into` (whole), a slice per turn; answers its CRC, or -1 if short. */
  async #read(part: Part, into: Uint8Array): Promise<number> {
    let crc = 0;
    for (let done = 0; done < into.length; ) {
      const slice = into.subarray(done, Math.min(into.length, done + SLICE));
      const read = readSync(this.#fds[part], slice, 0, slice.length, done);
      if (read !== slice.length) return -1;
      crc = crc32(slice, crc);
      done += read;
      await nextTurn();
    }
    return crc;
  }

  #truncate(count: number): void {
    for (const part of PARTS) ftruncateSync(this.#fds[part], count * this.#sizes[part]);
    this.#count = count;
  }
}
