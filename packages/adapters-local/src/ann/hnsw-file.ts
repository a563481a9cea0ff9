import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';

/** CRC-32 of a file, read in 16 MiB slices (a graph file can be hundreds of MiB). */
const fileCrc = (file: string): string => {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(16 * 2 ** 20);
    let crc = 0;
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer))
      crc = crc32(buffer.subarray(0, read), crc);
    return crc.toString(16).padStart(8, '0');
  } finally {
    closeSync(fd);
  }
};

/**
 * Where one owner's HNSW index lives in the index folder. The file name carries everything that
 * must match for the file to be reused: the owner (hashed, since ids may hold any character), the
 * index's shape (width, quantisation, connectivity) and its watermark, the highest entry id it
 * holds, and its CRC-32. A rename publishes name and content in one atomic step, so no crash can
 * leave a file whose watermark claims rows it lacks; the CRC catches a file damaged afterwards, which
 * usearch would not reject (loading a corrupt file hangs it).
 */
export class HnswFile {
  readonly #directory: string;
  readonly #prefix: string;
  readonly #shape: string;

  constructor(directory: string, ownerId: string, shape: string) {
    this.#directory = directory;
    this.#prefix = createHash('sha256').update(ownerId).digest('hex').slice(0, 32);
    this.#shape = shape;
  }

  /**
   * The newest saved file of this owner and shape with its watermark, or null. Files of another
   * shape, older watermarks and half-written temporaries are deleted on the way; `verify` also
   * checks the content against the CRC in the name (and deletes a file that fails).
   */
  latest(verify = true): { file: string; watermark: number } | null {
    let best: { file: string; watermark: number; crc: string } | null = null;
    const names = this.#names();
    for (const name of names) {
      const match = /^[0-9a-f]+\.(.+)\.(\d+)\.([0-9a-f]{8})\.usearch$/.exec(name);
      const watermark = Number(match?.[2]);
      if (match?.[1] === this.#shape && (best === null || watermark > best.watermark)) {
        best = { file: path.join(this.#directory, name), watermark, crc: match[3] as string };
      }
    }
    if (best !== null && verify && fileCrc(best.file) !== best.crc) best = null;
    for (const name of names) {
      const file = path.join(this.#directory, name);
      if (file !== best?.file) rmSync(file, { force: true });
    }
    return best === null ? null : { file: best.file, watermark: best.watermark };
  }

  /** Writes through `save` to a temporary file, fsyncs it, then renames it into place. */
  publish(watermark: number, save: (file: string) => void): void {
    mkdirSync(this.#directory, { recursive: true });
    const temporary = path.join(this.#directory, `${this.#prefix}.tmp-${process.pid}`);
    save(temporary);
    const fd = openSync(temporary, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    const name = `${this.#prefix}.${this.#shape}.${watermark}.${fileCrc(temporary)}.usearch`;
    renameSync(temporary, path.join(this.#directory, name));
    this.latest(false);
  }

  /** Deletes every file of this owner (a corrupt or outdated index is rebuilt from SQLite). */
  discard(): void {
    for (const name of this.#names()) rmSync(path.join(this.#directory, name), { force: true });
  }

  #names(): string[] {
    try {
      return readdirSync(this.#directory).filter((name) => name.startsWith(`${this.#prefix}.`));
    } catch {
      return [];
    }
  }
}
