import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cosine, seededVector } from '@docent/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clusteredVectors } from '../../test-support/clustered-vectors.ts';
import { OwnerCodes } from './owner-codes.ts';

const D = 64;
let directory: string;
beforeEach(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'docent-codes-'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

/** Codes of `count` clustered vectors with ids 1..count, added in batches of 500. */
const filled = async (count: number, seed = 1): Promise<{ codes: OwnerCodes; vectors: Float32Array[] }> => {
  const codes = new OwnerCodes(directory, 'owner', D);
  await codes.open(0);
  const vectors = clusteredVectors({ count, clusters: 40, dimensions: D, spread: 0.5 }, seed);
  for (let i = 0; i < count; i += 500) {
    const part = vectors.slice(i, i + 500);
    codes.add(
      part.map((_, j) => i + j + 1),
      part,
      i + part.length,
    );
  }
  return { codes, vectors };
};

const exactTop = (vectors: readonly Float32Array[], query: Float32Array, k: number, skip = new Set<number>()) =>
  vectors
    .map((vector, i) => ({ id: i + 1, score: cosine(query, vector) }))
    .filter((hit) => !skip.has(hit.id))
    .sort((a, b) => b.score - a.score)
    .slice(0, k);

const file = (suffix: string): string =>
  path.join(directory, readdirSync(directory).find((name) => name.endsWith(suffix)) as string);

describe('OwnerCodes', () => {
  it('finds at least 95% of the exact top 40 over 20,000 clustered vectors, with exact scores', async () => {
    const { codes, vectors } = await filled(20_000);
    let found = 0;
    for (let q = 0; q < 20; q++) {
      // A question near some of the data, as questions are to the passages that answer them.
      const noise = seededVector(D, 500 + q);
      const query = (vectors[q * 997] as Float32Array).map((value, d) => value + 0.5 * (noise[d] as number));
      const hits = codes.search(query, 40);
      const expected = exactTop(vectors, query, 40);
      found += hits.filter((hit) => expected.some((e) => e.id === hit.id)).length;
      for (const hit of hits) expect(hit.score).toBeCloseTo(cosine(query, vectors[hit.id - 1] as Float32Array), 5);
    }
    expect(found / (20 * 40)).toBeGreaterThanOrEqual(0.95);
  });

  it('never returns a removed id, and does not count it', async () => {
    const { codes, vectors } = await filled(3_000);
    const query = vectors[10] as Float32Array;
    const removed = codes.search(query, 50).map((hit) => hit.id);
    codes.remove(removed);
    expect(codes.size).toBe(3_000 - 50);
    const hits = codes.search(query, 50);
    expect(hits).toHaveLength(50);
    expect(hits.some((hit) => removed.includes(hit.id))).toBe(false);
    const expected = exactTop(vectors, query, 50, new Set(removed)).map((hit) => hit.id);
    expect(new Set(hits.map((hit) => hit.id))).toEqual(new Set(expected));
  });

  it('reopens what was saved, and drops records appended after the last save (a crash before it)', async () => {
    const { codes, vectors } = await filled(2_000);
    codes.save();
    expect(codes.dirty).toBe(false);
    const query = seededVector(D, 7);
    const before = codes.search(query, 10);
    codes.add([5_000], [query], 5_000);
    const again = new OwnerCodes(directory, 'owner', D);
    expect(await again.open(5_000)).toBe(true);
    expect(again.watermark).toBe(2_000);
    expect(again.size).toBe(2_000);
    expect(again.search(query, 10)).toEqual(before);
    // The torn record is gone for good: what is added next takes its place.
    again.add([2_001], [vectors[0] as Float32Array], 2_001);
    again.save();
    const third = new OwnerCodes(directory, 'owner', D);
    expect(await third.open(5_000)).toBe(true);
    expect(third.size).toBe(2_001);
    expect(third.search(vectors[0] as Float32Array, 2).map((hit) => hit.id)).toEqual([1, 2_001]);
  });

  it('starts empty when the codes are damaged, shorter than saved, or newer than the database', async () => {
    const { codes } = await filled(1_000);
    codes.save();
    const reopen = async (highestId = 1_000) => {
      const codes = new OwnerCodes(directory, 'owner', D);
      const usable = await codes.open(highestId);
      return { usable, size: codes.size, watermark: codes.watermark };
    };
    expect(await reopen()).toEqual({ usable: true, size: 1_000, watermark: 1_000 });
    expect(await reopen(999)).toEqual({ usable: false, size: 0, watermark: 0 });

    const { codes: second } = await filled(1_000);
    second.save();
    const bytes = readFileSync(file('.codes'));
    bytes[bytes.length - 3] = (bytes[bytes.length - 3] as number) ^ 0x10;
    writeFileSync(file('.codes'), bytes);
    expect(await reopen()).toEqual({ usable: false, size: 0, watermark: 0 });

    const { codes: third } = await filled(1_000);
    third.save();
    writeFileSync(file('.vectors'), readFileSync(file('.vectors')).subarray(0, 100));
    expect(await reopen()).toEqual({ usable: false, size: 0, watermark: 0 });

    const { codes: fourth } = await filled(1_000);
    fourth.save();
    const ids = readFileSync(file('.ids'));
    ids[8] = (ids[8] as number) ^ 0x01;
    writeFileSync(file('.ids'), ids);
    expect(await reopen()).toEqual({ usable: false, size: 0, watermark: 0 });
  });

  it("deletes the owner's files of another kind or shape when it opens", async () => {
    await filled(10);
    const prefix = readdirSync(directory)[0]?.split('.')[0];
    writeFileSync(path.join(directory, `${prefix}.d512-f16-m32.0-10.abcd0123.usearch`), 'old graph');
    writeFileSync(path.join(directory, 'another-owner.d64-codes-v1.codes'), 'kept');
    await new OwnerCodes(directory, 'owner', D).open(10);
    const own = ['ids', 'codes', 'vectors'].map((part) => `${prefix}.d64-codes-v1.${part}`);
    expect(readdirSync(directory).sort()).toEqual(['another-owner.d64-codes-v1.codes', ...own].sort());
  });
});
