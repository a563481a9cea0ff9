import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { UseLiteEmbedder } from '@docent/adapters-local';
import type { Embedder } from '@docent/domain';

const DIMENSIONS = 512;
const RECORD_BYTES = 20 + DIMENSIONS * 4;

/** USE Lite behind an append-only file of (sha1 of text, vector) records; counts what it is asked. */
export class VectorCache implements Embedder {
  readonly modelId: string;
  readonly dimensions = DIMENSIONS;
  readonly #inner: UseLiteEmbedder;
  readonly #file: string;
  readonly #vectors = new Map<string, Float32Array>();
  /** Passage texts asked for since the last `reset`, and how many of them had to be computed. */
  passages = 0;
  passageChars = 0;
  computed = 0;
  cpuSeconds = 0;

  constructor(inner: UseLiteEmbedder, dir: string) {
    this.#inner = inner;
    this.modelId = inner.modelId;
    mkdirSync(dir, { recursive: true });
    this.#file = path.join(dir, `${inner.modelId}.bin`);
    if (!existsSync(this.#file)) return;
    const bytes = readFileSync(this.#file);
    for (let at = 0; at + RECORD_BYTES <= bytes.length; at += RECORD_BYTES) {
      const key = bytes.subarray(at, at + 20).toString('hex');
      const copy = new Uint8Array(bytes.subarray(at + 20, at + RECORD_BYTES));
      this.#vectors.set(key, new Float32Array(copy.buffer));
    }
  }

  reset(): void {
    this.passages = 0;
    this.passageChars = 0;
    this.computed = 0;
    this.cpuSeconds = 0;
  }

  async embed(texts: readonly string[], options?: Parameters<Embedder['embed']>[1]): Promise<Float32Array[]> {
    const keys = texts.map((text) => createHash('sha1').update(text).digest());
    const missing = [...new Set(texts.filter((_, i) => !this.#vectors.has(keys[i]?.toString('hex') ?? '')))];
    if (options?.purpose !== 'query') {
      this.passages += texts.length;
      this.passageChars += texts.reduce((sum, text) => sum + text.length, 0);
    }
    if (missing.length > 0) {
      const cpu = process.cpuUsage();
      const vectors = await this.#inner.embed(missing, options);
      const used = process.cpuUsage(cpu);
      if (options?.purpose !== 'query') {
        this.computed += missing.length;
        this.cpuSeconds += (used.user + used.system) / 1e6;
      }
      missing.forEach((text, i) => {
        const key = createHash('sha1').update(text).digest();
        const vector = vectors[i] as Float32Array;
        this.#vectors.set(key.toString('hex'), vector);
        appendFileSync(
          this.#file,
          Buffer.concat([key, Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength)]),
        );
      });
    }
    return keys.map((key) => this.#vectors.get(key.toString('hex')) as Float32Array);
  }

  close(): Promise<void> {
    return this.#inner.close();
  }
}
