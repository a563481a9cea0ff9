import { createHash } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
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

/** What a save publishes: how many records of the two files count, and the ids they account for. */
export interface CodeManifest {
  count: number;
  watermark: number;
  /** CRC-32 of the codes file's first `count` records. */
  crc: number;
}

/** Bytes of one record in each file. */
export interface RecordSizes {
  code: number;
  vector: number;
}

const SLICE = 16 * 2 ** 20;

/**
 * Where one owner's binary codes live in the index folder: a codes file (records of entry id and
 * code, read whole at open), a vectors file (one full vector per record, read a few at a time to
 * rescore) and a manifest naming how many records count. Records are appended as they come; a
 * save syncs both files, then publishes the manifest by rename, so after a crash the files hold at
 * least what the manifest claims (a longer, torn tail is cut off at open). The manifest's CRC of
 * the codes catches a file damaged afterwards. Names carry the owner (hashed) and the shape.
 */
export class CodeFiles {
  readonly #directory: string;
  readonly #prefix: string;
  readonly #sizes: RecordSizes;
  readonly codes: string;
  readonly vectors: string;
  readonly #manifest: string;
  #codesFd = -1;
  #vectorsFd = -1;
  #count = 0;
  #crc = 0;

  constructor(directory: string, ownerId: string, shape: string, sizes: RecordSizes) {
    this.#directory = directory;
    this.#prefix = createHash('sha256').update(ownerId).digest('hex').slice(0, 32);
    this.#sizes = sizes;
    const base = path.join(directory, `${this.#prefix}.${shape}`);
    this.codes = `${base}.codes`;
    this.vectors = `${base}.vectors`;
    this.#manifest = `${base}.json`;
  }

  /**
   * Reads the saved codes, handing `visit` whole records in slices (one per event-loop turn), and
   * answers the manifest; null, with the files emptied, when none is usable: missing, shorter than
   * claimed, CRC not matching, or claiming ids above `highestId`. Deletes the owner's other files
   * (another shape's, an HNSW graph's).
   */
  async load(highestId: number, visit: (records: Uint8Array) => void): Promise<CodeManifest | null> {
    mkdirSync(this.#directory, { recursive: true });
    const mine = new Set([this.codes, this.vectors, this.#manifest].map((file) => path.basename(file)));
    for (const name of readdirSync(this.#directory)) {
      if (name.startsWith(`${this.#prefix}.`) && !mine.has(name))
        rmSync(path.join(this.#directory, name), { force: true });
    }
    // Not append mode: Linux writes an O_APPEND file at its end whatever position a write names.
    this.#codesFd = openSync(this.codes, constants.O_RDWR | constants.O_CREAT);
    this.#vectorsFd = openSync(this.vectors, constants.O_RDWR | constants.O_CREAT);
    const manifest = this.#readManifest();
    const usable =
      manifest !== null &&
      manifest.watermark <= highestId &&
      fstatSync(this.#codesFd).size >= manifest.count * this.#sizes.code &&
      fstatSync(this.#vectorsFd).size >= manifest.count * this.#sizes.vector &&
      (await this.#readCodes(manifest.count, visit)) === manifest.crc;
    if (!usable) {
      this.#truncate(0);
      return null;
    }
    this.#truncate(manifest.count);
    this.#crc = manifest.crc;
    return manifest;
  }

  /** Appends records (whole ones) to the two files. */
  append(codes: Uint8Array, vectors: Uint8Array): void {
    writeSync(this.#codesFd, codes, 0, codes.length, this.#count * this.#sizes.code);
    writeSync(this.#vectorsFd, vectors, 0, vectors.length, this.#count * this.#sizes.vector);
    this.#count += codes.length / this.#sizes.code;
    this.#crc = crc32(codes, this.#crc);
  }

  /** Syncs the records, then publishes a manifest counting all of them with this watermark. */
  publish(watermark: number): void {
    fsyncSync(this.#codesFd);
    fsyncSync(this.#vectorsFd);
    const manifest: CodeManifest = { count: this.#count, watermark, crc: this.#crc };
    const temporary = `${this.#manifest}.tmp`;
    writeFileSync(temporary, JSON.stringify(manifest));
    const fd = openSync(temporary, 'r');
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temporary, this.#manifest);
    const directory = openSync(this.#directory, 'r');
    fsyncSync(directory);
    closeSync(directory);
  }

  /** Reads the vector records at these positions into `into`, one after another. */
  readVectors(positions: ArrayLike<number>, into: Uint8Array): void {
    const size = this.#sizes.vector;
    for (let i = 0; i < positions.length; i++) {
      readSync(this.#vectorsFd, into, i * size, size, (positions[i] as number) * size);
    }
  }

  /** Closes the files. */
  close(): void {
    if (this.#codesFd >= 0) closeSync(this.#codesFd);
    if (this.#vectorsFd >= 0) closeSync(this.#vectorsFd);
    this.#codesFd = -1;
    this.#vectorsFd = -1;
  }

  #readManifest(): CodeManifest | null {
    try {
      const parsed = JSON.parse(readFileSync(this.#manifest, 'utf8')) as Partial<CodeManifest>;
      const { count, watermark, crc } = parsed;
      if (![count, watermark, crc].every((value) => Number.isSafeInteger(value) && (value as number) >= 0)) return null;
      return { count, watermark, crc } as CodeManifest;
    } catch {
      return null;
    }
  }

  /** Hands `visit` the first `count` code records in slices; answers their CRC. */
  async #readCodes(count: number, visit: (records: Uint8Array) => void): Promise<number> {
    const size = this.#sizes.code;
    const buffer = Buffer.allocUnsafe(Math.max(size, Math.floor(SLICE / size) * size));
    let crc = 0;
    for (let done = 0; done < count; ) {
      const wanted = Math.min(count - done, buffer.length / size) * size;
      const read = readSync(this.#codesFd, buffer, 0, wanted, done * size);
      if (read !== wanted) return -1;
      const records = buffer.subarray(0, read);
      crc = crc32(records, crc);
      visit(records);
      done += read / size;
      await nextTurn();
    }
    return crc;
  }

  #truncate(count: number): void {
    ftruncateSync(this.#codesFd, count * this.#sizes.code);
    ftruncateSync(this.#vectorsFd, count * this.#sizes.vector);
    this.#count = count;
    this.#crc = 0;
  }
}
