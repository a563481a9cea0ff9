import { cosineSimilarity } from '@docent/domain';
import { BINARY_CODE_VERSION, BinaryCoder } from './binary-code.ts';
import { CodeFiles } from './code-files.ts';
import { HammingScan } from './hamming-scan.ts';
import { readAhead } from './hnsw-file.ts';
import type { Candidate } from './max-pool.ts';
import type { OwnerGraph } from './owner-graph.ts';

/**
 * Codes rescored with their full vectors per vector asked for, and never fewer: the codes only
 * pick candidates, the scores are exact cosines. At 1M chunks a question's 400 vectors asked
 * rescored 1,024 codes: recall@10 0.993, dense p95 63 ms; 1,600 gave 0.997 and 85-93 ms (each
 * rescored vector is a read, some of them from storage).
 */
const RESCORE_FACTOR = 2;
const MIN_RESCORED = 1_024;
const ID_BYTES = 8;

/**
 * One owner's vectors as binary codes (`BinaryCoder`, 1,024 bits for 512 dimensions) held in
 * memory and scanned whole for each search (`HammingScan`), the nearest codes then rescored with
 * their full vectors (float32, read from a file through the page cache) by exact cosine: the same
 * scores as the exact scan. Memory is the codes and entry ids, 136 bytes a vector; the full vectors
 * stay in the page cache, outside the process (ADR 0040). Persisted through `CodeFiles`: records
 * are appended as vectors arrive, and a save publishes them.
 */
export class OwnerCodes implements OwnerGraph {
  readonly #dimensions: number;
  readonly #coder: BinaryCoder;
  readonly #files: CodeFiles;
  readonly #vectorBytes: number;
  #scan: HammingScan;
  #ids = new Float64Array(1024);
  #watermark = 0;
  #dirty = false;
  /** Positions of the ids removed since the codes were opened: their codes stay, searches skip them. */
  readonly #removed = new Set<number>();

  constructor(directory: string, ownerId: string, dimensions: number) {
    this.#dimensions = dimensions;
    this.#coder = new BinaryCoder(dimensions);
    this.#vectorBytes = dimensions * 4;
    this.#files = new CodeFiles(directory, ownerId, `d${dimensions}-codes-v${BINARY_CODE_VERSION}`, {
      ids: ID_BYTES,
      codes: this.#coder.codeBytes,
      vectors: this.#vectorBytes,
    });
    this.#scan = new HammingScan(this.#coder.codeBytes);
  }

  get watermark(): number {
    return this.#watermark;
  }

  get size(): number {
    return this.#scan.count - this.#removed.size;
  }

  get dirty(): boolean {
    return this.#dirty;
  }

  /** One part, held in memory: nothing is mapped. */
  get segments(): { count: number; mapped: number } {
    return { count: 1, mapped: 0 };
  }

  async open(highestId: number): Promise<boolean> {
    const manifest = await this.#files.load(highestId, {
      ids: (count) => {
        this.#ids = new Float64Array(Math.max(1024, count));
        return new Uint8Array(this.#ids.buffer, 0, count * ID_BYTES);
      },
      codes: (count) => this.#scan.fill(count),
    });
    if (manifest === null) {
      this.#scan = new HammingScan(this.#coder.codeBytes);
      this.#watermark = 0;
      this.#dirty = true;
      return false;
    }
    this.#watermark = manifest.watermark;
    this.#dirty = false;
    return true;
  }

  readAhead(stopped: () => boolean): Promise<void> {
    return readAhead([this.#files.vectors], stopped);
  }

  add(ids: readonly number[], vectors: readonly Float32Array[], upTo: number): void {
    const { codeBytes } = this.#coder;
    const codes = new Uint8Array(ids.length * codeBytes);
    const full = new Float32Array(ids.length * this.#dimensions);
    vectors.forEach((vector, i) => {
      this.#coder.encode(vector, codes, i * codeBytes);
      full.set(vector, i * this.#dimensions);
    });
    const added = Float64Array.from(ids);
    this.#files.append({ ids: new Uint8Array(added.buffer), codes, vectors: new Uint8Array(full.buffer) });
    this.#appendIds(added);
    this.#scan.append(codes);
    this.#watermark = Math.max(this.#watermark, upTo, ids.at(-1) ?? 0);
    this.#dirty = true;
  }

  remove(ids: readonly number[]): void {
    for (const id of ids) {
      const position = this.#positionOf(id);
      if (position >= 0) this.#removed.add(position);
    }
  }

  search(vector: Float32Array, k: number): Candidate[] {
    const dimensions = this.#dimensions;
    const query = new Uint8Array(this.#coder.codeBytes);
    this.#coder.encode(vector, query);
    const positions = this.#scan.nearest(query, Math.max(k * RESCORE_FACTOR, MIN_RESCORED), this.#removed);
    const bytes = new Uint8Array(positions.length * this.#vectorBytes);
    this.#files.readVectors(positions, bytes);
    const stored = new Float32Array(bytes.buffer);
    // cosineSimilarity scores a zero vector as unrelated (0), as the exact path does.
    const hits = Array.from(positions, (position, i) => ({
      id: this.#ids[position] as number,
      score: cosineSimilarity(vector, stored.subarray(i * dimensions, (i + 1) * dimensions)),
    }));
    return hits.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, k);
  }

  save(): void {
    if (!this.#dirty) return;
    this.#files.publish(this.#watermark);
    this.#dirty = false;
  }

  close(): void {
    this.#files.close();
  }

  /** Where `id` is (ids are added ascending), or -1. */
  #positionOf(id: number): number {
    let low = 0;
    let high = this.#scan.count - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = this.#ids[middle] as number;
      if (found === id) return middle;
      if (found < id) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  #appendIds(ids: Float64Array): void {
    const count = this.#scan.count;
    if (count + ids.length > this.#ids.length) {
      const grown = new Float64Array(Math.max(count + ids.length, this.#ids.length * 2));
      grown.set(this.#ids.subarray(0, count));
      this.#ids = grown;
    }
    this.#ids.set(ids, count);
  }
}
